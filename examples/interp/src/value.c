/*
 * value.c - heap objects and the per-type operation tables.
 *
 * Every operator the VM executes is dispatched through
 * value_ops_table[type of the left operand]: int_ops, float_ops,
 * str_ops, array_ops, map_ops, plus a catch-all for nil / functions.
 * All implementations are static; the VM only sees the table.
 */
#include "interp.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Memory and string buffers                                          */
/* ------------------------------------------------------------------ */

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(71);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(71);
    }
    return p;
}

void sb_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
    free(sb->data);
    sb_init(sb);
}

static void sb_reserve(struct strbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->data = xrealloc(sb->data, cap);
    sb->cap = cap;
}

void sb_putc(struct strbuf *sb, char c)
{
    sb_reserve(sb, 1);
    sb->data[sb->len++] = c;
    sb->data[sb->len] = '\0';
}

void sb_append(struct strbuf *sb, const char *s, size_t n)
{
    sb_reserve(sb, n);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sb_reserve(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

/* ------------------------------------------------------------------ */
/* Objects                                                             */
/* ------------------------------------------------------------------ */

struct obj *obj_alloc(struct vm *vm, size_t size, vtype type)
{
    struct obj *o = xmalloc(size);
    o->type = type;
    o->next = vm->objects;
    vm->objects = o;
    return o;
}

void obj_free(struct obj *o)
{
    switch (o->type) {
    case T_ARRAY:
        free(((struct array *)o)->items);
        break;
    case T_MAP:
        table_free(&((struct map *)o)->t);
        break;
    case T_FUNC:
        chunk_free(&((struct func *)o)->chunk);
        break;
    default:
        break;
    }
    free(o);
}

struct array *array_new(struct vm *vm, uint32_t cap)
{
    struct array *a = (struct array *)obj_alloc(vm, sizeof *a, T_ARRAY);
    a->len = 0;
    a->cap = cap;
    a->items = cap ? xmalloc(sizeof *a->items * cap) : NULL;
    return a;
}

void array_push(struct array *a, value v)
{
    if (a->len == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 8;
        a->items = xrealloc(a->items, sizeof *a->items * a->cap);
    }
    a->items[a->len++] = v;
}

struct map *map_new(struct vm *vm)
{
    struct map *m = (struct map *)obj_alloc(vm, sizeof *m, T_MAP);
    table_init(&m->t);
    return m;
}

struct func *func_new(struct vm *vm, struct str *name)
{
    struct func *f = (struct func *)obj_alloc(vm, sizeof *f, T_FUNC);
    f->name = name;
    f->arity = 0;
    f->nslots = 0;
    memset(&f->chunk, 0, sizeof f->chunk);
    return f;
}

struct native *native_new(struct vm *vm, const char *name, int arity, native_fn fn)
{
    struct native *n = (struct native *)obj_alloc(vm, sizeof *n, T_NATIVE);
    n->name = name;
    n->arity = arity;
    n->fn = fn;
    return n;
}

bool to_double(const value *v, double *out)
{
    if (v->type == T_INT) {
        *out = (double)v->as.i;
        return true;
    }
    if (v->type == T_FLOAT) {
        *out = v->as.f;
        return true;
    }
    return false;
}

const char *type_name(const value *v)
{
    return vops(v)->name;
}

void value_write(struct strbuf *sb, const value *v)
{
    vops(v)->write(sb, v);
}

/* ------------------------------------------------------------------ */
/* Shared slow paths                                                   */
/* ------------------------------------------------------------------ */

static const char *op_symbol(int op)
{
    switch (op) {
    case '+': return "+";
    case '-': return "-";
    case '*': return "*";
    case '/': return "/";
    case '%': return "%";
    case '&': return "&";
    case '|': return "|";
    case '^': return "^";
    case 'l': return "<<";
    case 'r': return ">>";
    case '<': return "<";
    case 'L': return "<=";
    default: return "?";
    }
}

static int type_error(struct vm *vm, int op, const value *a, const value *b)
{
    return vm_error(vm, "unsupported operands for %s: %s and %s", op_symbol(op),
                    type_name(a), type_name(b));
}

/* Mixed int/float arithmetic and comparisons: both become doubles. */
static int num_binop(struct vm *vm, value *dst, int op, const value *a, const value *b)
{
    double x, y;
    if (!to_double(a, &x) || !to_double(b, &y))
        return type_error(vm, op, a, b);
    switch (op) {
    case '+': *dst = v_float(x + y); return 1;
    case '-': *dst = v_float(x - y); return 1;
    case '*': *dst = v_float(x * y); return 1;
    case '/': *dst = v_float(x / y); return 1;
    case '%': *dst = v_float(fmod(x, y)); return 1;
    case '<': *dst = v_int(x < y); return 1;
    case 'L': *dst = v_int(x <= y); return 1;
    default: return type_error(vm, op, a, b);
    }
}

static int no_binop(struct vm *vm, value *dst, const value *a, const value *b)
{
    (void)dst;
    return vm_error(vm, "unsupported operands: %s and %s", type_name(a), type_name(b));
}

static int no_neg(struct vm *vm, value *dst, const value *a)
{
    (void)dst;
    return vm_error(vm, "cannot negate %s", type_name(a));
}

static int no_get(struct vm *vm, value *dst, const value *self, const value *key)
{
    (void)dst;
    (void)key;
    return vm_error(vm, "%s is not indexable", type_name(self));
}

static int no_set(struct vm *vm, const value *self, const value *key, const value *v)
{
    (void)key;
    (void)v;
    return vm_error(vm, "%s does not support item assignment", type_name(self));
}

static bool always_true(const value *a)
{
    (void)a;
    return true;
}

static bool identity_equal(const value *a, const value *b)
{
    return a->type == b->type && a->as.o == b->as.o;
}

static uint32_t pointer_hash(const value *a)
{
    return hash_int((uint64_t)(uintptr_t)a->as.o);
}

/* ------------------------------------------------------------------ */
/* int_ops                                                             */
/* ------------------------------------------------------------------ */

static int int_add(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        *dst = v_int((int64_t)((uint64_t)a->as.i + (uint64_t)b->as.i));
        return 1;
    }
    return num_binop(vm, dst, '+', a, b);
}

static int int_sub(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        *dst = v_int((int64_t)((uint64_t)a->as.i - (uint64_t)b->as.i));
        return 1;
    }
    return num_binop(vm, dst, '-', a, b);
}

static int int_mul(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        *dst = v_int((int64_t)((uint64_t)a->as.i * (uint64_t)b->as.i));
        return 1;
    }
    return num_binop(vm, dst, '*', a, b);
}

static int int_div(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        int64_t x = a->as.i, y = b->as.i;
        if (y == 0)
            return vm_error(vm, "integer division by zero");
        /* y == -1 is special-cased to avoid INT64_MIN / -1 */
        *dst = v_int(y == -1 ? (int64_t)(0 - (uint64_t)x) : x / y);
        return 1;
    }
    return num_binop(vm, dst, '/', a, b);
}

static int int_mod(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        int64_t x = a->as.i, y = b->as.i;
        if (y == 0)
            return vm_error(vm, "integer modulo by zero");
        *dst = v_int(y == -1 ? 0 : x % y);
        return 1;
    }
    return num_binop(vm, dst, '%', a, b);
}

#define INT_BITOP(name, sym, expr)                                             \
    static int name(struct vm *vm, value *dst, const value *a, const value *b) \
    {                                                                          \
        if (b->type != T_INT)                                                  \
            return type_error(vm, sym, a, b);                                  \
        uint64_t x = (uint64_t)a->as.i, y = (uint64_t)b->as.i;                 \
        *dst = v_int((int64_t)(expr));                                         \
        return 1;                                                              \
    }

INT_BITOP(int_band, '&', x & y)
INT_BITOP(int_bor, '|', x | y)
INT_BITOP(int_bxor, '^', x ^ y)
INT_BITOP(int_shl, 'l', x << (y & 63))
INT_BITOP(int_shr, 'r', (uint64_t)((int64_t)x >> (y & 63)))

static int int_lt(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        *dst = v_int(a->as.i < b->as.i);
        return 1;
    }
    return num_binop(vm, dst, '<', a, b);
}

static int int_le(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type == T_INT) {
        *dst = v_int(a->as.i <= b->as.i);
        return 1;
    }
    return num_binop(vm, dst, 'L', a, b);
}

static int int_neg(struct vm *vm, value *dst, const value *a)
{
    (void)vm;
    *dst = v_int((int64_t)(0 - (uint64_t)a->as.i));
    return 1;
}

static bool int_truthy(const value *a)
{
    return a->as.i != 0;
}

static bool int_equal(const value *a, const value *b)
{
    if (b->type == T_INT)
        return a->as.i == b->as.i;
    return b->type == T_FLOAT && (double)a->as.i == b->as.f;
}

static uint32_t int_hash(const value *a)
{
    return hash_int((uint64_t)a->as.i);
}

static void int_write(struct strbuf *sb, const value *a)
{
    sb_printf(sb, "%" PRId64, a->as.i);
}

static const struct value_ops int_ops = {
    .name = "int",
    .add = int_add, .sub = int_sub, .mul = int_mul, .div = int_div, .mod = int_mod,
    .band = int_band, .bor = int_bor, .bxor = int_bxor, .shl = int_shl, .shr = int_shr,
    .lt = int_lt, .le = int_le,
    .neg = int_neg,
    .truthy = int_truthy,
    .equal = int_equal,
    .hash = int_hash,
    .get = no_get, .set = no_set,
    .write = int_write,
};

/* ------------------------------------------------------------------ */
/* float_ops                                                           */
/* ------------------------------------------------------------------ */

#define FLOAT_ARITH(name, sym, expr)                                           \
    static int name(struct vm *vm, value *dst, const value *a, const value *b) \
    {                                                                          \
        double x = a->as.f, y;                                                 \
        if (b->type == T_FLOAT)                                                \
            y = b->as.f;                                                       \
        else if (b->type == T_INT)                                             \
            y = (double)b->as.i;                                               \
        else                                                                   \
            return type_error(vm, sym, a, b);                                  \
        *dst = expr;                                                           \
        return 1;                                                              \
    }

FLOAT_ARITH(flt_add, '+', v_float(x + y))
FLOAT_ARITH(flt_sub, '-', v_float(x - y))
FLOAT_ARITH(flt_mul, '*', v_float(x * y))
FLOAT_ARITH(flt_div, '/', v_float(x / y))
FLOAT_ARITH(flt_mod, '%', v_float(fmod(x, y)))
FLOAT_ARITH(flt_lt, '<', v_int(x < y))
FLOAT_ARITH(flt_le, 'L', v_int(x <= y))

static int flt_neg(struct vm *vm, value *dst, const value *a)
{
    (void)vm;
    *dst = v_float(-a->as.f);
    return 1;
}

static bool flt_truthy(const value *a)
{
    return a->as.f != 0.0;
}

static bool flt_equal(const value *a, const value *b)
{
    if (b->type == T_FLOAT)
        return a->as.f == b->as.f;
    return b->type == T_INT && a->as.f == (double)b->as.i;
}

static uint32_t flt_hash(const value *a)
{
    double f = a->as.f;
    /* integral floats hash like the equal int, so 2 and 2.0 share a key */
    if (f >= -9.2e18 && f <= 9.2e18 && f == (double)(int64_t)f)
        return hash_int((uint64_t)(int64_t)f);
    uint64_t bits;
    memcpy(&bits, &f, sizeof bits);
    return hash_int(bits);
}

static void flt_write(struct strbuf *sb, const value *a)
{
    double f = a->as.f;
    if (isnan(f))
        sb_append(sb, "nan", 3);
    else if (isinf(f))
        sb_append(sb, f < 0 ? "-inf" : "inf", f < 0 ? 4 : 3);
    else if (f == floor(f) && fabs(f) < 1e15)
        sb_printf(sb, "%.1f", f);
    else
        sb_printf(sb, "%.10g", f);
}

static const struct value_ops float_ops = {
    .name = "float",
    .add = flt_add, .sub = flt_sub, .mul = flt_mul, .div = flt_div, .mod = flt_mod,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = flt_lt, .le = flt_le,
    .neg = flt_neg,
    .truthy = flt_truthy,
    .equal = flt_equal,
    .hash = flt_hash,
    .get = no_get, .set = no_set,
    .write = flt_write,
};

/* ------------------------------------------------------------------ */
/* str_ops: strings are immutable and interned                        */
/* ------------------------------------------------------------------ */

static int str_add(struct vm *vm, value *dst, const value *a, const value *b)
{
    struct str *r;
    if (b->type == T_STR) {
        r = str_concat(vm, AS_STR(*a), AS_STR(*b));
    } else {
        /* "n = " + 42 : format the right operand */
        struct strbuf sb;
        sb_init(&sb);
        sb_append(&sb, AS_STR(*a)->chars, AS_STR(*a)->len);
        value_write(&sb, b);
        r = str_intern(vm, sb.data, sb.len);
        sb_free(&sb);
    }
    *dst = v_obj(&r->h);
    return 1;
}

static int str_compare(const value *a, const value *b)
{
    const struct str *x = AS_STR(*a), *y = AS_STR(*b);
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->chars, y->chars, n);
    if (c != 0)
        return c;
    return x->len < y->len ? -1 : x->len > y->len;
}

static int str_lt(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type != T_STR)
        return type_error(vm, '<', a, b);
    *dst = v_int(str_compare(a, b) < 0);
    return 1;
}

static int str_le(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type != T_STR)
        return type_error(vm, 'L', a, b);
    *dst = v_int(str_compare(a, b) <= 0);
    return 1;
}

static int str_mul(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type != T_INT || b->as.i < 0 || b->as.i > (1 << 24))
        return type_error(vm, '*', a, b);
    const struct str *s = AS_STR(*a);
    struct strbuf sb;
    sb_init(&sb);
    for (int64_t i = 0; i < b->as.i; i++)
        sb_append(&sb, s->chars, s->len);
    struct str *r = str_intern(vm, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    *dst = v_obj(&r->h);
    return 1;
}

static bool str_truthy(const value *a)
{
    return AS_STR(*a)->len != 0;
}

static uint32_t str_hash(const value *a)
{
    return AS_STR(*a)->hash;
}

static int str_get(struct vm *vm, value *dst, const value *self, const value *key)
{
    const struct str *s = AS_STR(*self);
    if (key->type != T_INT)
        return vm_error(vm, "string index must be an int, not %s", type_name(key));
    if (key->as.i < 0 || key->as.i >= (int64_t)s->len)
        return vm_error(vm, "string index %" PRId64 " out of range", key->as.i);
    *dst = v_int((unsigned char)s->chars[key->as.i]);
    return 1;
}

static void str_write(struct strbuf *sb, const value *a)
{
    sb_append(sb, AS_STR(*a)->chars, AS_STR(*a)->len);
}

static const struct value_ops str_ops = {
    .name = "string",
    .add = str_add, .sub = no_binop, .mul = str_mul, .div = no_binop, .mod = no_binop,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = str_lt, .le = str_le,
    .neg = no_neg,
    .truthy = str_truthy,
    .equal = identity_equal, /* interned */
    .hash = str_hash,
    .get = str_get, .set = no_set,
    .write = str_write,
};

/* ------------------------------------------------------------------ */
/* array_ops                                                           */
/* ------------------------------------------------------------------ */

static int array_index_error(struct vm *vm, const struct array *a, const value *key)
{
    if (key->type != T_INT)
        return vm_error(vm, "array index must be an int, not %s", type_name(key));
    return vm_error(vm, "array index %" PRId64 " out of range (len %u)", key->as.i,
                    a->len);
}

static int array_get(struct vm *vm, value *dst, const value *self, const value *key)
{
    const struct array *a = AS_ARRAY(*self);
    if (key->type != T_INT || (uint64_t)key->as.i >= a->len)
        return array_index_error(vm, a, key);
    *dst = a->items[key->as.i];
    return 1;
}

static int array_set(struct vm *vm, const value *self, const value *key, const value *v)
{
    struct array *a = AS_ARRAY(*self);
    if (key->type != T_INT || (uint64_t)key->as.i >= a->len)
        return array_index_error(vm, a, key);
    a->items[key->as.i] = *v;
    return 1;
}

static int array_add(struct vm *vm, value *dst, const value *a, const value *b)
{
    if (b->type != T_ARRAY)
        return type_error(vm, '+', a, b);
    const struct array *x = AS_ARRAY(*a), *y = AS_ARRAY(*b);
    struct array *r = array_new(vm, x->len + y->len);
    for (uint32_t i = 0; i < x->len; i++)
        r->items[r->len++] = x->items[i];
    for (uint32_t i = 0; i < y->len; i++)
        r->items[r->len++] = y->items[i];
    *dst = v_obj(&r->h);
    return 1;
}

static void array_write(struct strbuf *sb, const value *a)
{
    const struct array *arr = AS_ARRAY(*a);
    sb_putc(sb, '[');
    for (uint32_t i = 0; i < arr->len; i++) {
        if (i)
            sb_append(sb, ", ", 2);
        if (arr->items[i].as.o == a->as.o)
            sb_append(sb, "[...]", 5);
        else
            value_write(sb, &arr->items[i]);
    }
    sb_putc(sb, ']');
}

static const struct value_ops array_ops = {
    .name = "array",
    .add = array_add, .sub = no_binop, .mul = no_binop, .div = no_binop, .mod = no_binop,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = no_binop, .le = no_binop,
    .neg = no_neg,
    .truthy = always_true,
    .equal = identity_equal,
    .hash = pointer_hash,
    .get = array_get, .set = array_set,
    .write = array_write,
};

/* ------------------------------------------------------------------ */
/* map_ops                                                             */
/* ------------------------------------------------------------------ */

static int map_get(struct vm *vm, value *dst, const value *self, const value *key)
{
    (void)vm;
    if (!table_get(&AS_MAP(*self)->t, key, dst))
        *dst = v_nil(); /* missing keys read as nil */
    return 1;
}

static int map_set(struct vm *vm, const value *self, const value *key, const value *v)
{
    if (key->type == T_NIL)
        return vm_error(vm, "map key cannot be nil");
    table_set(&AS_MAP(*self)->t, key, v);
    return 1;
}

static void map_write(struct strbuf *sb, const value *a)
{
    const struct table *t = &AS_MAP(*a)->t;
    bool first = true;
    sb_putc(sb, '{');
    for (uint32_t i = 0; i < t->cap; i++) {
        const struct tentry *e = &t->entries[i];
        if (e->key.type == T_NIL)
            continue;
        if (!first)
            sb_append(sb, ", ", 2);
        first = false;
        value_write(sb, &e->key);
        sb_append(sb, ": ", 2);
        if (e->val.as.o == a->as.o)
            sb_append(sb, "{...}", 5);
        else
            value_write(sb, &e->val);
    }
    sb_putc(sb, '}');
}

static const struct value_ops map_ops = {
    .name = "map",
    .add = no_binop, .sub = no_binop, .mul = no_binop, .div = no_binop, .mod = no_binop,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = no_binop, .le = no_binop,
    .neg = no_neg,
    .truthy = always_true,
    .equal = identity_equal,
    .hash = pointer_hash,
    .get = map_get, .set = map_set,
    .write = map_write,
};

/* ------------------------------------------------------------------ */
/* nil, functions, natives                                             */
/* ------------------------------------------------------------------ */

static bool nil_truthy(const value *a)
{
    (void)a;
    return false;
}

static bool nil_equal(const value *a, const value *b)
{
    (void)a;
    return b->type == T_NIL;
}

static uint32_t nil_hash(const value *a)
{
    (void)a;
    return 0;
}

static void nil_write(struct strbuf *sb, const value *a)
{
    (void)a;
    sb_append(sb, "nil", 3);
}

static void callable_write(struct strbuf *sb, const value *a)
{
    if (a->type == T_FUNC) {
        const struct str *name = AS_FUNC(*a)->name;
        sb_printf(sb, "<fn %s>", name ? name->chars : "script");
    } else {
        sb_printf(sb, "<native %s>", AS_NATIVE(*a)->name);
    }
}

static const struct value_ops nil_ops = {
    .name = "nil",
    .add = no_binop, .sub = no_binop, .mul = no_binop, .div = no_binop, .mod = no_binop,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = no_binop, .le = no_binop,
    .neg = no_neg,
    .truthy = nil_truthy,
    .equal = nil_equal,
    .hash = nil_hash,
    .get = no_get, .set = no_set,
    .write = nil_write,
};

static const struct value_ops func_ops = {
    .name = "function",
    .add = no_binop, .sub = no_binop, .mul = no_binop, .div = no_binop, .mod = no_binop,
    .band = no_binop, .bor = no_binop, .bxor = no_binop, .shl = no_binop, .shr = no_binop,
    .lt = no_binop, .le = no_binop,
    .neg = no_neg,
    .truthy = always_true,
    .equal = identity_equal,
    .hash = pointer_hash,
    .get = no_get, .set = no_set,
    .write = callable_write,
};

const struct value_ops *const value_ops_table[T_COUNT] = {
    [T_NIL] = &nil_ops,
    [T_INT] = &int_ops,
    [T_FLOAT] = &float_ops,
    [T_STR] = &str_ops,
    [T_ARRAY] = &array_ops,
    [T_MAP] = &map_ops,
    [T_FUNC] = &func_ops,
    [T_NATIVE] = &func_ops,
};
