/*
 * builtins.c - the native function library.
 */
#include "interp.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int arg_error(struct vm *vm, const char *fn, int i, const char *want, value got)
{
    return vm_error(vm, "%s(): argument %d must be %s, not %s", fn, i + 1, want,
                    type_name(&got));
}

static int want_int(struct vm *vm, const char *fn, value *args, int i, int64_t *out)
{
    if (args[i].type != T_INT)
        return arg_error(vm, fn, i, "an int", args[i]);
    *out = args[i].as.i;
    return 1;
}

static int want_num(struct vm *vm, const char *fn, value *args, int i, double *out)
{
    if (!to_double(&args[i], out))
        return arg_error(vm, fn, i, "a number", args[i]);
    return 1;
}

static value str_value(struct vm *vm, const char *s, size_t n)
{
    return v_obj(&str_intern(vm, s, n)->h);
}

/* print(a, b, ...): writes the values separated by spaces, then '\n'. */
static int bi_print(struct vm *vm, int argc, value *args, value *out)
{
    for (int i = 0; i < argc; i++) {
        if (i)
            sb_putc(&vm->out, ' ');
        value_write(&vm->out, &args[i]);
    }
    sb_putc(&vm->out, '\n');
    *out = v_nil();
    return 1;
}

static int bi_len(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    switch (args[0].type) {
    case T_STR:
        *out = v_int(AS_STR(args[0])->len);
        return 1;
    case T_ARRAY:
        *out = v_int(AS_ARRAY(args[0])->len);
        return 1;
    case T_MAP:
        *out = v_int(AS_MAP(args[0])->t.count);
        return 1;
    default:
        return arg_error(vm, "len", 0, "a string, array or map", args[0]);
    }
}

static int bi_push(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_ARRAY)
        return arg_error(vm, "push", 0, "an array", args[0]);
    array_push(AS_ARRAY(args[0]), args[1]);
    *out = args[0];
    return 1;
}

static int bi_pop(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_ARRAY)
        return arg_error(vm, "pop", 0, "an array", args[0]);
    struct array *a = AS_ARRAY(args[0]);
    if (a->len == 0)
        return vm_error(vm, "pop(): empty array");
    *out = a->items[--a->len];
    return 1;
}

/* array(n, fill) */
static int bi_array(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    int64_t n;
    if (!want_int(vm, "array", args, 0, &n))
        return 0;
    if (n < 0 || n > (1 << 26))
        return vm_error(vm, "array(): bad size %" PRId64, n);
    struct array *a = array_new(vm, (uint32_t)n);
    for (int64_t i = 0; i < n; i++)
        a->items[i] = args[1];
    a->len = (uint32_t)n;
    *out = v_obj(&a->h);
    return 1;
}

static int bi_map(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    (void)args;
    *out = v_obj(&map_new(vm)->h);
    return 1;
}

static int bi_has(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    value dummy;
    if (args[0].type != T_MAP)
        return arg_error(vm, "has", 0, "a map", args[0]);
    *out = v_int(table_get(&AS_MAP(args[0])->t, &args[1], &dummy));
    return 1;
}

static int bi_del(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_MAP)
        return arg_error(vm, "del", 0, "a map", args[0]);
    *out = v_int(table_delete(&AS_MAP(args[0])->t, &args[1]));
    return 1;
}

/* keys(m): array of keys in table order (deterministic for a given
 * insertion history). */
static int bi_keys(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_MAP)
        return arg_error(vm, "keys", 0, "a map", args[0]);
    const struct table *t = &AS_MAP(args[0])->t;
    struct array *a = array_new(vm, t->count);
    for (uint32_t i = 0; i < t->cap; i++)
        if (t->entries[i].key.type != T_NIL)
            a->items[a->len++] = t->entries[i].key;
    *out = v_obj(&a->h);
    return 1;
}

static int bi_str(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type == T_STR) {
        *out = args[0];
        return 1;
    }
    struct strbuf sb;
    sb_init(&sb);
    value_write(&sb, &args[0]);
    *out = str_value(vm, sb.data, sb.len);
    sb_free(&sb);
    return 1;
}

static int bi_int(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    value v = args[0];
    switch (v.type) {
    case T_INT:
        *out = v;
        return 1;
    case T_FLOAT:
        if (!(v.as.f > -9.2e18 && v.as.f < 9.2e18))
            return vm_error(vm, "int(): float out of range");
        *out = v_int((int64_t)v.as.f);
        return 1;
    case T_STR: {
        char *end;
        long long n = strtoll(AS_STR(v)->chars, &end, 10);
        if (end == AS_STR(v)->chars || *end != '\0')
            return vm_error(vm, "int(): invalid literal '%s'", AS_STR(v)->chars);
        *out = v_int(n);
        return 1;
    }
    default:
        return arg_error(vm, "int", 0, "a number or string", v);
    }
}

static int bi_float(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    double d;
    if (!want_num(vm, "float", args, 0, &d))
        return 0;
    *out = v_float(d);
    return 1;
}

static int bi_sqrt(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    double d;
    if (!want_num(vm, "sqrt", args, 0, &d))
        return 0;
    *out = v_float(sqrt(d));
    return 1;
}

static int bi_floor(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    double d;
    if (args[0].type == T_INT) {
        *out = args[0];
        return 1;
    }
    if (!want_num(vm, "floor", args, 0, &d))
        return 0;
    *out = v_int((int64_t)floor(d));
    return 1;
}

static int bi_abs(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type == T_INT) {
        int64_t i = args[0].as.i;
        *out = v_int(i < 0 ? (int64_t)(0 - (uint64_t)i) : i);
        return 1;
    }
    double d;
    if (!want_num(vm, "abs", args, 0, &d))
        return 0;
    *out = v_float(fabs(d));
    return 1;
}

static int minmax(struct vm *vm, int argc, value *args, value *out, bool want_max)
{
    if (argc == 0)
        return vm_error(vm, "%s(): needs at least one argument", want_max ? "max" : "min");
    value best = args[0];
    for (int i = 1; i < argc; i++) {
        value lt;
        /* best < args[i] ? */
        if (!vops(&best)->lt(vm, &lt, &best, &args[i]))
            return 0;
        if ((lt.as.i != 0) == want_max)
            best = args[i];
    }
    *out = best;
    return 1;
}

static int bi_min(struct vm *vm, int argc, value *args, value *out)
{
    return minmax(vm, argc, args, out, false);
}

static int bi_max(struct vm *vm, int argc, value *args, value *out)
{
    return minmax(vm, argc, args, out, true);
}

static int bi_chr(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    int64_t c = 0;
    if (!want_int(vm, "chr", args, 0, &c))
        return 0;
    if (c < 0 || c > 255)
        return vm_error(vm, "chr(): %" PRId64 " out of range", c);
    char ch = (char)c;
    *out = str_value(vm, &ch, 1);
    return 1;
}

static int bi_ord(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_STR || AS_STR(args[0])->len == 0)
        return arg_error(vm, "ord", 0, "a non-empty string", args[0]);
    *out = v_int((unsigned char)AS_STR(args[0])->chars[0]);
    return 1;
}

/* substr(s, start, count) */
static int bi_substr(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    int64_t start = 0, count = 0;
    if (args[0].type != T_STR)
        return arg_error(vm, "substr", 0, "a string", args[0]);
    if (!want_int(vm, "substr", args, 1, &start) || !want_int(vm, "substr", args, 2, &count))
        return 0;
    const struct str *s = AS_STR(args[0]);
    if (start < 0)
        start = 0;
    if (start > (int64_t)s->len)
        start = s->len;
    if (count < 0 || start + count > (int64_t)s->len)
        count = (int64_t)s->len - start;
    *out = str_value(vm, s->chars + start, (size_t)count);
    return 1;
}

/* join(array, sep) */
static int bi_join(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    if (args[0].type != T_ARRAY)
        return arg_error(vm, "join", 0, "an array", args[0]);
    if (args[1].type != T_STR)
        return arg_error(vm, "join", 1, "a string", args[1]);
    const struct array *a = AS_ARRAY(args[0]);
    const struct str *sep = AS_STR(args[1]);
    struct strbuf sb;
    sb_init(&sb);
    for (uint32_t i = 0; i < a->len; i++) {
        if (i)
            sb_append(&sb, sep->chars, sep->len);
        value_write(&sb, &a->items[i]);
    }
    *out = str_value(vm, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return 1;
}

static int bi_type(struct vm *vm, int argc, value *args, value *out)
{
    (void)argc;
    const char *name = type_name(&args[0]);
    *out = str_value(vm, name, strlen(name));
    return 1;
}

static const struct {
    const char *name;
    int arity;
    native_fn fn;
} builtin_table[] = {
    {"print", -1, bi_print},
    {"len", 1, bi_len},
    {"push", 2, bi_push},
    {"pop", 1, bi_pop},
    {"array", 2, bi_array},
    {"map", 0, bi_map},
    {"has", 2, bi_has},
    {"del", 2, bi_del},
    {"keys", 1, bi_keys},
    {"str", 1, bi_str},
    {"int", 1, bi_int},
    {"float", 1, bi_float},
    {"sqrt", 1, bi_sqrt},
    {"floor", 1, bi_floor},
    {"abs", 1, bi_abs},
    {"min", -1, bi_min},
    {"max", -1, bi_max},
    {"chr", 1, bi_chr},
    {"ord", 1, bi_ord},
    {"substr", 3, bi_substr},
    {"join", 2, bi_join},
    {"type", 1, bi_type},
};

void builtins_install(struct vm *vm)
{
    for (size_t i = 0; i < sizeof builtin_table / sizeof builtin_table[0]; i++)
        vm_define_native(vm, builtin_table[i].name, builtin_table[i].arity,
                         builtin_table[i].fn);
}
