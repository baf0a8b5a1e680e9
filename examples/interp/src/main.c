/*
 * main.c - command line driver.
 *
 *   interp [-d] <script> [iterations]
 *
 * Parses, compiles and runs the script `iterations` times (default 1),
 * each time in a fresh VM.  The output of the first run is printed,
 * followed by a checksum over the output of all runs, so that a
 * miscompiled interpreter is easy to spot.  -d dumps the bytecode.
 */
#include "interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    struct strbuf sb;
    sb_init(&sb);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        perror(path);
        sb_free(&sb);
        return NULL;
    }
    if (!sb.data)
        sb_append(&sb, "", 0);
    return sb.data;
}

static uint64_t fnv1a64(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static void usage(const char *argv0)
{
    fprintf(stderr, "usage: %s [-d] <script> [iterations]\n", argv0);
}

/* Runs the script once; returns the process exit status (0 = ok). */
static int run_once(struct vm *vm, const char *src, const char *path, bool dump)
{
    struct arena ar = {0};
    struct node *prog = parse_program(vm, src, path, &ar);
    if (!prog) {
        arena_free(&ar);
        return 65;
    }
    struct func *script = compile_program(vm, prog, path);
    arena_free(&ar);
    if (!script)
        return 65;
    if (dump)
        disassemble(script);
    return vm_run(vm, script) ? 70 : 0;
}

int main(int argc, char **argv)
{
    bool dump = false;
    int argi = 1;
    if (argi < argc && strcmp(argv[argi], "-d") == 0) {
        dump = true;
        argi++;
    }
    if (argi >= argc || argc - argi > 2) {
        usage(argv[0]);
        return 64;
    }
    const char *path = argv[argi];
    long iterations = 1;
    if (argi + 1 < argc) {
        char *end;
        iterations = strtol(argv[argi + 1], &end, 10);
        if (*end != '\0' || iterations < 1) {
            usage(argv[0]);
            return 64;
        }
    }

    char *src = read_file(path);
    if (!src)
        return 66;

    struct vm *vm = xmalloc(sizeof *vm);
    uint64_t checksum = 0xcbf29ce484222325ULL;
    int status = 0;
    for (long it = 0; it < iterations && status == 0; it++) {
        vm_init(vm);
        builtins_install(vm);
        status = run_once(vm, src, path, dump && it == 0);
        checksum = fnv1a64(checksum, vm->out.data ? vm->out.data : "", vm->out.len);
        if (it == 0 && vm->out.len)
            fwrite(vm->out.data, 1, vm->out.len, stdout);
        vm_free(vm);
    }
    if (status == 0)
        printf("checksum %016llx (%ld iteration%s)\n", (unsigned long long)checksum,
               iterations, iterations == 1 ? "" : "s");
    free(vm);
    free(src);
    return status;
}
