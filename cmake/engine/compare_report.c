/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L

#include "compare_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void compare_results_init(struct cmp_results *res, const struct cmp_spec *spec, size_t rounds, size_t warmup) {
    res->spec = spec;
    res->rounds = rounds;
    res->warmup = warmup;
    res->arm = xmalloc(spec->n * sizeof *res->arm);
    for (size_t b = 0; b < spec->n; b++) {
        const struct cmp_bench *bench = &spec->bench[b];
        res->arm[b] = xmalloc(bench->narms * sizeof **res->arm);
        for (size_t a = 0; a < bench->narms; a++) {
            struct cmp_arm_result *r = &res->arm[b][a];
            size_t nm = bench->nmetrics;
            memset(r, 0, sizeof *r);
            r->wall = calloc(rounds ? rounds : 1, sizeof *r->wall);
            r->cpu = calloc(rounds ? rounds : 1, sizeof *r->cpu);
            r->metric = calloc(nm * rounds > 0 ? nm * rounds : 1, sizeof *r->metric);
            r->metric_median = calloc(nm ? nm : 1, sizeof *r->metric_median);
            r->metric_ratio = calloc(nm ? nm : 1, sizeof *r->metric_ratio);
            if (!r->wall || !r->cpu || !r->metric || !r->metric_median || !r->metric_ratio)
                pgo_die(PGO_USAGE, "out of memory");
            r->size_pct = NAN;
        }
    }
}

void compare_results_free(struct cmp_results *res) {
    for (size_t b = 0; b < res->spec->n; b++) {
        for (size_t a = 0; a < res->spec->bench[b].narms; a++) {
            struct cmp_arm_result *r = &res->arm[b][a];
            free(r->wall);
            free(r->cpu);
            free(r->metric);
            free(r->metric_median);
            free(r->metric_ratio);
        }
        free(res->arm[b]);
    }
    free(res->arm);
    res->arm = NULL;
}

/* The median of N values, leaving them in their order. */
static double median_of(const double *v, size_t n, double *scratch) {
    memcpy(scratch, v, n * sizeof *v);
    return stats_median(scratch, n);
}

static void ratios_of(const double *arm, const double *ref, size_t n, double *scratch, struct ratio_stats *s) {
    size_t k = stats_ratios(arm, ref, n, scratch);
    stats_summarize(scratch, k, s);
}

void compare_figures(struct cmp_results *res) {
    size_t n = res->rounds;
    double *scratch = xmalloc((n ? n : 1) * sizeof *scratch);
    for (size_t b = 0; b < res->spec->n; b++) {
        const struct cmp_bench *bench = &res->spec->bench[b];
        const struct cmp_arm_result *ref = &res->arm[b][0];
        for (size_t a = 0; a < bench->narms; a++) {
            struct cmp_arm_result *r = &res->arm[b][a];
            r->wall_median = median_of(r->wall, n, scratch);
            r->cpu_median = median_of(r->cpu, n, scratch);
            for (size_t m = 0; m < bench->nmetrics; m++)
                r->metric_median[m] = median_of(r->metric + m * n, n, scratch);
            if (a == 0)
                continue;
            ratios_of(r->wall, ref->wall, n, scratch, &r->wall_ratio);
            ratios_of(r->cpu, ref->cpu, n, scratch, &r->cpu_ratio);
            for (size_t m = 0; m < bench->nmetrics; m++)
                ratios_of(r->metric + m * n, ref->metric + m * n, n, scratch, &r->metric_ratio[m]);
            if (bench->arms[a].sizes.n)
                r->size_pct = stats_change_pct((double)r->size, (double)ref->size);
        }
    }
    free(scratch);
}

/* ---- the summary -------------------------------------------------------------- */

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* An absolute figure of a metric: whole numbers from 1000 on, else four
 * significant digits. */
static void add_number(struct sbuf *sb, double v) {
    double mag = v < 0 ? -v : v;
    if (isnan(v))
        sb_adds(sb, "n/a");
    else if (mag >= 1000)
        sb_addf(sb, "%.0f", v);
    else
        sb_addf(sb, "%.4g", v);
}

/* "cpu 0.86x (median of 7 per-round ratios)", or n/a and why. */
static void add_ratio(struct sbuf *sb, const char *what, const struct ratio_stats *s, const char *ref, int with_n) {
    if (!s->n) {
        sb_addf(sb, "%s n/a (no round had a %s figure above 0)", what, ref);
        return;
    }
    sb_addf(sb, "%s %.2fx", what, s->median);
    if (with_n)
        sb_addf(sb, " (median of %zu per-round ratio%s)", s->n, plural(s->n));
}

static void add_min_max(struct sbuf *sb, const char *what, const struct ratio_stats *s) {
    if (s->n)
        sb_addf(sb, "%s %.2f-%.2f", what, s->min, s->max);
    else
        sb_addf(sb, "%s n/a", what);
}

static void add_medians(struct sbuf *sb, const struct cmp_bench *bench, const struct cmp_arm_result *r,
                        const char *label) {
    sb_addf(sb, "%s cpu %.1f ms, wall %.1f ms", label, r->cpu_median, r->wall_median);
    for (size_t m = 0; m < bench->nmetrics; m++) {
        sb_addf(sb, ", %s ", bench->metrics[m].name);
        add_number(sb, r->metric_median[m]);
    }
}

static void print_arm(struct sbuf *sb, const struct cmp_results *res, size_t b, size_t a) {
    const struct cmp_bench *bench = &res->spec->bench[b];
    const struct cmp_arm_result *r = &res->arm[b][a], *ref = &res->arm[b][0];
    const char *label = bench->arms[a].label, *ref_label = bench->arms[0].label;

    sb_addf(sb, "%s: %s vs %s: ", bench->name, label, ref_label);
    int same_n = r->cpu_ratio.n == r->wall_ratio.n && r->cpu_ratio.n > 0;
    add_ratio(sb, "cpu", &r->cpu_ratio, ref_label, !same_n);
    sb_adds(sb, ", ");
    add_ratio(sb, "wall", &r->wall_ratio, ref_label, !same_n);
    if (same_n)
        sb_addf(sb, " (medians of %zu per-round ratio%s)", r->cpu_ratio.n, plural(r->cpu_ratio.n));
    size_t files = bench->arms[a].sizes.n;
    if (files) {
        if (isnan(r->size_pct))
            sb_adds(sb, ", size n/a");
        else
            sb_addf(sb, ", size %+.1f%%", r->size_pct);
        sb_addf(sb, " (%zu file%s", files, plural(files));
        if (bench->arms[0].sizes.n != files)
            sb_addf(sb, "; %s: %zu", ref_label, bench->arms[0].sizes.n);
        sb_adds(sb, ")");
    }
    sb_adds(sb, "\n  min-max of the per-round ratios: ");
    add_min_max(sb, "cpu", &r->cpu_ratio);
    sb_adds(sb, ", ");
    add_min_max(sb, "wall", &r->wall_ratio);
    sb_adds(sb, "\n");
    for (size_t m = 0; m < bench->nmetrics; m++) {
        const struct ratio_stats *s = &r->metric_ratio[m];
        sb_adds(sb, "  ");
        if (s->n)
            sb_addf(sb, "%s %.2fx (median of %zu per-round ratio%s, min-max %.2f-%.2f)\n", bench->metrics[m].name,
                    s->median, s->n, plural(s->n), s->min, s->max);
        else {
            add_ratio(sb, bench->metrics[m].name, s, ref_label, 1);
            sb_adds(sb, "\n");
        }
    }
    sb_addf(sb, "  medians of %zu round%s: ", res->rounds, plural(res->rounds));
    add_medians(sb, bench, ref, ref_label);
    sb_adds(sb, "; ");
    add_medians(sb, bench, r, label);
    sb_adds(sb, "\n");
}

void compare_print(FILE *f, const struct cmp_results *res) {
    struct sbuf sb;
    sb_init(&sb);
    for (size_t b = 0; b < res->spec->n; b++)
        for (size_t a = 1; a < res->spec->bench[b].narms; a++)
            print_arm(&sb, res, b, a);
    fputs(sb_str(&sb), f);
    fflush(f);
    sb_free(&sb);
}

/* ---- CSV ------------------------------------------------------------------------ */

/* The metric names of all benchmarks, each once, in the order they first
 * appear (the CSV's extra columns). */
static size_t metric_union(const struct cmp_spec *spec, const char ***names) {
    size_t n = 0, cap = 0;
    *names = NULL;
    for (size_t b = 0; b < spec->n; b++) {
        for (size_t m = 0; m < spec->bench[b].nmetrics; m++) {
            const char *name = spec->bench[b].metrics[m].name;
            size_t k = 0;
            while (k < n && strcmp((*names)[k], name) != 0)
                k++;
            if (k < n)
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 8;
                *names = xrealloc(*names, cap * sizeof **names);
            }
            (*names)[n++] = name;
        }
    }
    return n;
}

static void csv_num(struct sbuf *sb, double v, int decimals) {
    sb_addc(sb, ',');
    if (!isnan(v))
        sb_addf(sb, "%.*f", decimals, v);
}

static void csv_metric_num(struct sbuf *sb, double v) {
    sb_addc(sb, ',');
    if (!isnan(v))
        sb_addf(sb, "%.15g", v);
}

static void csv_ratio(struct sbuf *sb, const struct ratio_stats *s) {
    csv_num(sb, s->median, 4);
    csv_num(sb, s->min, 4);
    csv_num(sb, s->max, 4);
    sb_addf(sb, ",%zu", s->n);
}

void compare_csv(struct sbuf *out, const struct cmp_results *res) {
    const char **names;
    size_t nnames = metric_union(res->spec, &names);
    sb_adds(out, "benchmark,arm,reference,rounds,warmup,"
                 "cpu_ratio_median,cpu_ratio_min,cpu_ratio_max,cpu_ratio_count,"
                 "wall_ratio_median,wall_ratio_min,wall_ratio_max,wall_ratio_count,"
                 "reference_cpu_ms_median,cpu_ms_median,reference_wall_ms_median,wall_ms_median,"
                 "reference_size_bytes,size_bytes,size_files,size_change_pct");
    for (size_t k = 0; k < nnames; k++)
        sb_addf(out, ",%s_ratio_median,%s_ratio_min,%s_ratio_max,%s_ratio_count,reference_%s_median,%s_median",
                names[k], names[k], names[k], names[k], names[k], names[k]);
    sb_addc(out, '\n');
    for (size_t b = 0; b < res->spec->n; b++) {
        const struct cmp_bench *bench = &res->spec->bench[b];
        const struct cmp_arm_result *ref = &res->arm[b][0];
        for (size_t a = 1; a < bench->narms; a++) {
            const struct cmp_arm_result *r = &res->arm[b][a];
            /* Names and labels are letters, digits, '-' and '_': no quoting. */
            sb_addf(out, "%s,%s,%s,%zu,%zu", bench->name, bench->arms[a].label, bench->arms[0].label, res->rounds,
                    res->warmup);
            csv_ratio(out, &r->cpu_ratio);
            csv_ratio(out, &r->wall_ratio);
            csv_num(out, ref->cpu_median, 3);
            csv_num(out, r->cpu_median, 3);
            csv_num(out, ref->wall_median, 3);
            csv_num(out, r->wall_median, 3);
            if (bench->arms[a].sizes.n)
                sb_addf(out, ",%lld,%lld,%zu", ref->size, r->size, bench->arms[a].sizes.n);
            else
                sb_adds(out, ",,,0");
            csv_num(out, r->size_pct, 2);
            for (size_t k = 0; k < nnames; k++) {
                size_t m = 0;
                while (m < bench->nmetrics && strcmp(bench->metrics[m].name, names[k]) != 0)
                    m++;
                if (m == bench->nmetrics) {
                    sb_adds(out, ",,,,,,");
                    continue;
                }
                csv_ratio(out, &r->metric_ratio[m]);
                csv_metric_num(out, ref->metric_median[m]);
                csv_metric_num(out, r->metric_median[m]);
            }
            sb_addc(out, '\n');
        }
    }
    free(names);
}

/* ---- JSON ----------------------------------------------------------------------- */

static void json_str(struct sbuf *sb, const char *s) {
    sb_addc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_addf(sb, "\\%c", *p);
        else if (*p < 0x20)
            sb_addf(sb, "\\u%04x", *p);
        else
            sb_addc(sb, (char)*p);
    }
    sb_addc(sb, '"');
}

static void json_num(struct sbuf *sb, double v) {
    if (isnan(v) || !isfinite(v))
        sb_adds(sb, "null");
    else
        sb_addf(sb, "%.15g", v);
}

/* {"median":M,"rounds":[...]} */
static void json_series(struct sbuf *sb, double median, const double *v, size_t n) {
    sb_adds(sb, "{\"median\":");
    json_num(sb, median);
    sb_adds(sb, ",\"rounds\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_addc(sb, ',');
        json_num(sb, v[i]);
    }
    sb_adds(sb, "]}");
}

static void json_ratio(struct sbuf *sb, const struct ratio_stats *s) {
    sb_adds(sb, "{\"median\":");
    json_num(sb, s->median);
    sb_adds(sb, ",\"min\":");
    json_num(sb, s->min);
    sb_adds(sb, ",\"max\":");
    json_num(sb, s->max);
    sb_addf(sb, ",\"count\":%zu}", s->n);
}

static void json_arm(struct sbuf *sb, const struct cmp_results *res, size_t b, size_t a) {
    const struct cmp_bench *bench = &res->spec->bench[b];
    const struct cmp_arm *arm = &bench->arms[a];
    const struct cmp_arm_result *r = &res->arm[b][a];
    sb_adds(sb, "{\"label\":");
    json_str(sb, arm->label);
    sb_adds(sb, ",\"command\":[");
    for (size_t i = 0; i < arm->argv.n; i++) {
        if (i)
            sb_addc(sb, ',');
        json_str(sb, arm->argv.v[i]);
    }
    sb_adds(sb, "],\"size_files\":[");
    for (size_t i = 0; i < arm->sizes.n; i++) {
        if (i)
            sb_addc(sb, ',');
        json_str(sb, arm->sizes.v[i]);
    }
    sb_adds(sb, "],\"size_bytes\":");
    if (arm->sizes.n)
        sb_addf(sb, "%lld", r->size);
    else
        sb_adds(sb, "null");
    sb_adds(sb, ",\"cpu_ms\":");
    json_series(sb, r->cpu_median, r->cpu, res->rounds);
    sb_adds(sb, ",\"wall_ms\":");
    json_series(sb, r->wall_median, r->wall, res->rounds);
    sb_adds(sb, ",\"metrics\":{");
    for (size_t m = 0; m < bench->nmetrics; m++) {
        if (m)
            sb_addc(sb, ',');
        json_str(sb, bench->metrics[m].name);
        sb_addc(sb, ':');
        json_series(sb, r->metric_median[m], r->metric + m * res->rounds, res->rounds);
    }
    sb_addc(sb, '}');
    if (a > 0) {
        sb_adds(sb, ",\"vs_reference\":{\"cpu\":");
        json_ratio(sb, &r->cpu_ratio);
        sb_adds(sb, ",\"wall\":");
        json_ratio(sb, &r->wall_ratio);
        sb_adds(sb, ",\"size_change_pct\":");
        json_num(sb, r->size_pct);
        sb_adds(sb, ",\"metrics\":{");
        for (size_t m = 0; m < bench->nmetrics; m++) {
            if (m)
                sb_addc(sb, ',');
            json_str(sb, bench->metrics[m].name);
            sb_addc(sb, ':');
            json_ratio(sb, &r->metric_ratio[m]);
        }
        sb_adds(sb, "}}");
    }
    sb_addc(sb, '}');
}

void compare_json(struct sbuf *out, const struct cmp_results *res) {
    sb_addf(out, "{\"rounds\":%zu,\"warmup\":%zu,\"benchmarks\":[", res->rounds, res->warmup);
    for (size_t b = 0; b < res->spec->n; b++) {
        const struct cmp_bench *bench = &res->spec->bench[b];
        sb_adds(out, b ? ",{\"name\":" : "{\"name\":");
        json_str(out, bench->name);
        sb_adds(out, ",\"reference\":");
        json_str(out, bench->arms[0].label);
        sb_adds(out, ",\"arms\":[");
        for (size_t a = 0; a < bench->narms; a++) {
            if (a)
                sb_addc(out, ',');
            json_arm(out, res, b, a);
        }
        sb_adds(out, "]}");
    }
    sb_adds(out, "]}\n");
}
