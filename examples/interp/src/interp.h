/*
 * interp.h - shared declarations for "tiny", a small bytecode interpreter.
 *
 * Pipeline: lexer.c (bytes -> tokens) -> parser.c (tokens -> AST)
 *           -> compiler.c (AST -> bytecode) -> vm.c (bytecode loop).
 * value.c holds the per-type operation tables (struct value_ops),
 * table.c the hash tables / string interning, builtins.c the native
 * library functions.
 */
#ifndef INTERP_H
#define INTERP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

typedef enum {
    T_NIL,
    T_INT,
    T_FLOAT,
    T_STR,
    T_ARRAY,
    T_MAP,
    T_FUNC,
    T_NATIVE,
    T_COUNT
} vtype;

struct obj {
    struct obj *next; /* list of every heap object, freed by vm_free() */
    vtype type;
};

typedef struct value {
    vtype type;
    union {
        int64_t i;
        double f;
        struct obj *o;
    } as;
} value;

static inline value v_nil(void)
{
    value v;
    v.type = T_NIL;
    v.as.i = 0;
    return v;
}

static inline value v_int(int64_t i)
{
    value v;
    v.type = T_INT;
    v.as.i = i;
    return v;
}

static inline value v_float(double f)
{
    value v;
    v.type = T_FLOAT;
    v.as.f = f;
    return v;
}

static inline value v_obj(struct obj *o)
{
    value v;
    v.type = o->type;
    v.as.o = o;
    return v;
}

struct str {
    struct obj h;
    uint32_t hash;
    uint32_t len;
    char chars[];
};

struct array {
    struct obj h;
    uint32_t len;
    uint32_t cap;
    value *items;
};

/* Open-addressing hash table.  An empty slot has key nil / value nil,
 * a tombstone has key nil / value int 1. */
struct tentry {
    value key;
    value val;
};

struct table {
    uint32_t count; /* live entries */
    uint32_t used;  /* live entries + tombstones */
    uint32_t cap;   /* power of two, or 0 */
    struct tentry *entries;
};

struct map {
    struct obj h;
    struct table t;
};

typedef uint32_t instr;

struct chunk {
    instr *code;
    int *lines;
    int len;
    int cap;
    value *consts;
    int nconsts;
    int constcap;
};

struct func {
    struct obj h;
    struct str *name;
    int arity;
    int nslots; /* parameters + locals */
    struct chunk chunk;
};

struct vm;
typedef int (*native_fn)(struct vm *vm, int argc, value *args, value *out);

struct native {
    struct obj h;
    const char *name;
    int arity; /* -1: variadic */
    native_fn fn;
};

#define AS_STR(v) ((struct str *)(v).as.o)
#define AS_ARRAY(v) ((struct array *)(v).as.o)
#define AS_MAP(v) ((struct map *)(v).as.o)
#define AS_FUNC(v) ((struct func *)(v).as.o)
#define AS_NATIVE(v) ((struct native *)(v).as.o)

/* ------------------------------------------------------------------ */
/* Growable byte buffer                                                */
/* ------------------------------------------------------------------ */

struct strbuf {
    char *data;
    size_t len;
    size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_append(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ------------------------------------------------------------------ */
/* Per-type operations ("interface of function pointers")             */
/* ------------------------------------------------------------------ */

/* Operators write their result to *dst and return 1, or report an error
 * through vm_error() and return 0.  dst may alias an operand, so
 * implementations read all operands before writing *dst. */
typedef int (*binop_fn)(struct vm *vm, value *dst, const value *a, const value *b);

struct value_ops {
    const char *name;
    binop_fn add, sub, mul, div, mod;
    binop_fn band, bor, bxor, shl, shr;
    binop_fn lt, le; /* result: int 0 / 1 */
    int (*neg)(struct vm *vm, value *dst, const value *a);
    bool (*truthy)(const value *a);
    bool (*equal)(const value *a, const value *b);
    uint32_t (*hash)(const value *a);
    int (*get)(struct vm *vm, value *dst, const value *self, const value *key);
    int (*set)(struct vm *vm, const value *self, const value *key, const value *v);
    void (*write)(struct strbuf *sb, const value *a);
};

/* Indexed by vtype; defined in value.c. */
extern const struct value_ops *const value_ops_table[T_COUNT];

static inline const struct value_ops *vops(const value *v)
{
    return value_ops_table[v->type];
}

/* value.c */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
struct obj *obj_alloc(struct vm *vm, size_t size, vtype type);
void obj_free(struct obj *o);
struct array *array_new(struct vm *vm, uint32_t cap);
void array_push(struct array *a, value v);
struct map *map_new(struct vm *vm);
struct func *func_new(struct vm *vm, struct str *name);
struct native *native_new(struct vm *vm, const char *name, int arity,
                          native_fn fn);
bool to_double(const value *v, double *out);
const char *type_name(const value *v);
void value_write(struct strbuf *sb, const value *v);

/* ------------------------------------------------------------------ */
/* Hash tables and strings (table.c)                                   */
/* ------------------------------------------------------------------ */

uint32_t hash_bytes(const char *s, size_t n);
uint32_t hash_int(uint64_t x);
void table_init(struct table *t);
void table_free(struct table *t);
bool table_get(const struct table *t, const value *key, value *out);
bool table_set(struct table *t, const value *key, const value *val); /* true: new key */
bool table_delete(struct table *t, const value *key);
bool table_get_str(const struct table *t, const struct str *key, value *out);
bool table_set_str(struct table *t, struct str *key, value val);
struct str *str_intern(struct vm *vm, const char *chars, size_t len);
struct str *str_concat(struct vm *vm, const struct str *a,
                       const struct str *b);

/* ------------------------------------------------------------------ */
/* Lexer (lexer.c)                                                     */
/* ------------------------------------------------------------------ */

enum tok {
    TK_EOF,
    TK_ERROR,
    TK_IDENT,
    TK_INT,
    TK_FLOAT,
    TK_STRING,
    /* keywords */
    TK_VAR,
    TK_FN,
    TK_IF,
    TK_ELSE,
    TK_WHILE,
    TK_FOR,
    TK_RETURN,
    TK_BREAK,
    TK_CONTINUE,
    TK_NIL,
    TK_TRUE,
    TK_FALSE,
    /* punctuation */
    TK_LPAREN,
    TK_RPAREN,
    TK_LBRACKET,
    TK_RBRACKET,
    TK_LBRACE,
    TK_RBRACE,
    TK_COMMA,
    TK_SEMI,
    TK_COLON,
    /* operators */
    TK_PLUS,
    TK_MINUS,
    TK_STAR,
    TK_SLASH,
    TK_PERCENT,
    TK_AMP,
    TK_PIPE,
    TK_CARET,
    TK_TILDE,
    TK_BANG,
    TK_SHL,
    TK_SHR,
    TK_ANDAND,
    TK_OROR,
    TK_EQ,
    TK_NE,
    TK_LT,
    TK_LE,
    TK_GT,
    TK_GE,
    TK_ASSIGN,
    TK_PLUS_ASSIGN,
    TK_MINUS_ASSIGN,
    TK_STAR_ASSIGN,
    TK_SLASH_ASSIGN,
    TK_PERCENT_ASSIGN,
    TK_COUNT
};

struct token {
    enum tok kind;
    int line;
    const char *start;
    int len;
    int64_t ival;
    double fval;
    struct str *sval; /* identifiers and string literals (interned) */
    const char *msg;  /* TK_ERROR */
};

struct lexer {
    struct vm *vm;
    const char *src;
    const char *cur;
    int line;
    struct strbuf scratch;
};

void lexer_init(struct lexer *lx, struct vm *vm, const char *src);
void lexer_free(struct lexer *lx);
struct token lexer_next(struct lexer *lx);
const char *tok_name(enum tok kind);

/* ------------------------------------------------------------------ */
/* AST (parser.c)                                                      */
/* ------------------------------------------------------------------ */

enum node_kind {
    N_INT,
    N_FLOAT,
    N_STR,
    N_NIL,
    N_NAME,
    N_UNARY,  /* op, a */
    N_BINARY, /* op, a, b */
    N_AND,    /* a, b */
    N_OR,     /* a, b */
    N_CALL,   /* a = callee, list = args */
    N_INDEX,  /* a = object, b = key */
    N_ARRAY,  /* list */
    N_MAP,    /* list = k0, v0, k1, v1, ... */
    N_VAR,    /* name, a = init (may be NULL) */
    N_ASSIGN, /* op (TK_ASSIGN or compound), a = target, b = value */
    N_IF,     /* a = cond, b = then, c = else */
    N_WHILE,  /* a = cond, b = body */
    N_FOR,    /* a = init, b = cond, c = step, d = body */
    N_RETURN, /* a (may be NULL) */
    N_BREAK,
    N_CONTINUE,
    N_BLOCK,  /* list */
    N_EXPR,   /* a */
    N_FN,     /* name, list = params (N_NAME), a = body */
    N_PROGRAM /* list */
};

struct node {
    enum node_kind kind;
    int line;
    enum tok op;
    int64_t ival;
    double fval;
    struct str *name; /* N_STR, N_NAME, N_VAR, N_FN */
    struct node *a, *b, *c, *d;
    struct node **list;
    int nlist;
};

struct arena {
    struct arena_block *head;
};

void arena_free(struct arena *ar);

/* Returns NULL (after printing diagnostics) on syntax errors. */
struct node *parse_program(struct vm *vm, const char *src, const char *path,
                           struct arena *ar);

/* ------------------------------------------------------------------ */
/* Compiler (compiler.c) and bytecode                                  */
/* ------------------------------------------------------------------ */

/*
 * Register machine in the style of Lua 5.1.  An instruction is 32 bits:
 *
 *   | C:9 | B:9 | A:8 | op:6 |      or      | Bx:18 | A:8 | op:6 |
 *
 * A names a register of the current frame.  B and C are "RK" operands:
 * a register, or (with bit 8 set) a constant of the current function.
 * Jumps use sBx = Bx - SBX_BIAS, relative to the next instruction.
 */
enum opcode {
    OP_MOVE,      /* R[A] = R[B] */
    OP_LOADK,     /* R[A] = K[Bx] */
    OP_LOADNIL,   /* R[A] = nil */
    OP_GETGLOBAL, /* R[A] = globals[K[Bx]] */
    OP_SETGLOBAL, /* globals[K[Bx]] = R[A] (must already exist) */
    OP_DEFGLOBAL, /* globals[K[Bx]] = R[A] */
    OP_ADD,       /* R[A] = RK[B] + RK[C] ... */
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_MOD,
    OP_BAND,
    OP_BOR,
    OP_BXOR,
    OP_SHL,
    OP_SHR,
    OP_LT,        /* R[A] = RK[B] < RK[C]  (a > b is compiled as b < a) */
    OP_LE,
    OP_EQ,
    OP_NE,
    OP_NEG,       /* R[A] = -RK[B] */
    OP_NOT,       /* R[A] = !RK[B] */
    OP_BNOT,      /* R[A] = ~RK[B] */
    OP_JMP,       /* pc += sBx */
    OP_JMPF,      /* if !R[A] then pc += sBx */
    OP_JMPT,      /* if R[A] then pc += sBx */
    OP_TESTLT,    /* if (RK[B] < RK[C]) == A then take the next JMP, else skip it */
    OP_TESTLE,    /* same with <= */
    OP_TESTEQ,    /* same with == */
    OP_CALL,      /* R[A] = R[A](R[A+1] .. R[A+B]) */
    OP_RETURN,    /* return B ? R[A] : nil */
    OP_NEWARRAY,  /* R[A] = [R[B] .. R[B+C-1]] */
    OP_NEWMAP,    /* R[A] = {R[B]: R[B+1], ...} with C pairs */
    OP_GETINDEX,  /* R[A] = RK[B][RK[C]] */
    OP_SETINDEX,  /* R[A][RK[B]] = RK[C] */
    OP_COUNT
};

#define RK_CONST 0x100 /* operand bit: constant, not register */
#define MAX_RK_CONST 0xff
#define MAX_REGS 250
#define MAX_BX ((1 << 18) - 1)
#define SBX_BIAS (MAX_BX >> 1)

#define INSTR_OP(i) ((int)((i)&0x3f))
#define INSTR_A(i) ((int)(((i) >> 6) & 0xff))
#define INSTR_B(i) ((int)(((i) >> 14) & 0x1ff))
#define INSTR_C(i) ((int)(((i) >> 23) & 0x1ff))
#define INSTR_BX(i) ((int)((i) >> 14))
#define INSTR_SBX(i) (INSTR_BX(i) - SBX_BIAS)

#define MK_ABC(op, a, b, c)                                               \
    ((instr)(op) | ((instr)(a) << 6) | ((instr)(b) << 14) | ((instr)(c) << 23))
#define MK_ABX(op, a, bx) ((instr)(op) | ((instr)(a) << 6) | ((instr)(bx) << 14))

/* Returns the top-level function, or NULL on error. */
struct func *compile_program(struct vm *vm, struct node *prog,
                             const char *path);
void chunk_free(struct chunk *c);
void disassemble(const struct func *fn);

/* ------------------------------------------------------------------ */
/* Virtual machine (vm.c)                                              */
/* ------------------------------------------------------------------ */

#define STACK_MAX 16384
#define FRAMES_MAX 1024

struct frame {
    struct func *fn;
    const instr *ip;
    value *base; /* register 0; the callee sits in base[-1] */
};

struct vm {
    int nframes;
    struct obj *objects;
    struct table globals; /* interned name -> value */
    struct table strings; /* interning set */
    struct strbuf out;    /* output produced by print() */
    char errmsg[256];
    struct frame frames[FRAMES_MAX];
    value stack[STACK_MAX];
};

void vm_init(struct vm *vm);
void vm_free(struct vm *vm);
int vm_error(struct vm *vm, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Runs a compiled top-level function; returns 0 on success. */
int vm_run(struct vm *vm, struct func *script);
void vm_define_native(struct vm *vm, const char *name, int arity,
                      native_fn fn);

/* builtins.c */
void builtins_install(struct vm *vm);

#endif /* INTERP_H */
