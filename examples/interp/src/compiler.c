/*
 * compiler.c - AST -> register bytecode.
 *
 * Register allocation follows Lua: parameters and locals occupy fixed
 * registers (local i lives in register i), temporaries are allocated
 * stack-wise above them and released at the end of each statement.
 * Constants and locals are used in place as RK operands, so `s += i`
 * compiles to a single ADD s, s, i.  Names that are not locals resolve
 * to globals, looked up by interned name at run time, so functions may
 * call functions declared later in the file.
 */
#include "interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOCALS MAX_REGS
#define MAX_JUMPS 64

struct local {
    struct str *name;
    int depth;
};

struct loop {
    struct loop *enclosing;
    int cont_target; /* -1 until known (for-loops: the step clause) */
    int breaks[MAX_JUMPS];
    int nbreaks;
    int conts[MAX_JUMPS];
    int nconts;
};

struct fnstate {
    struct func *fn;
    struct local locals[MAX_LOCALS];
    int nlocals; /* local i lives in register i */
    int freereg; /* first free register (>= nlocals) */
    int depth;
    struct loop *loop;
};

struct compiler {
    struct vm *vm;
    const char *path;
    struct fnstate *fs;
    bool had_error;
};

/* ------------------------------------------------------------------ */
/* Emission helpers                                                    */
/* ------------------------------------------------------------------ */

static void cerror(struct compiler *c, int line, const char *msg)
{
    fprintf(stderr, "%s:%d: error: %s\n", c->path, line, msg);
    c->had_error = true;
}

static struct chunk *cur_chunk(struct compiler *c)
{
    return &c->fs->fn->chunk;
}

static int here(struct compiler *c)
{
    return cur_chunk(c)->len;
}

static int emit(struct compiler *c, int line, instr in)
{
    struct chunk *ch = cur_chunk(c);
    if (ch->len == ch->cap) {
        ch->cap = ch->cap ? ch->cap * 2 : 64;
        ch->code = xrealloc(ch->code, sizeof *ch->code * (size_t)ch->cap);
        ch->lines = xrealloc(ch->lines, sizeof *ch->lines * (size_t)ch->cap);
    }
    ch->code[ch->len] = in;
    ch->lines[ch->len] = line;
    return ch->len++;
}

static int emit_abc(struct compiler *c, int line, int op, int a, int b, int cc)
{
    return emit(c, line, MK_ABC(op, a, b, cc));
}

static int emit_abx(struct compiler *c, int line, int op, int a, int bx)
{
    return emit(c, line, MK_ABX(op, a, bx));
}

static bool same_const(value a, value b)
{
    if (a.type != b.type)
        return false;
    switch (a.type) {
    case T_INT:
        return a.as.i == b.as.i;
    case T_FLOAT:
        return memcmp(&a.as.f, &b.as.f, sizeof a.as.f) == 0;
    case T_NIL:
        return true;
    default:
        return a.as.o == b.as.o;
    }
}

static int add_const(struct compiler *c, int line, value v)
{
    struct chunk *ch = cur_chunk(c);
    for (int i = 0; i < ch->nconsts; i++)
        if (same_const(ch->consts[i], v))
            return i;
    if (ch->nconsts > MAX_BX) {
        cerror(c, line, "too many constants in one function");
        return 0;
    }
    if (ch->nconsts == ch->constcap) {
        ch->constcap = ch->constcap ? ch->constcap * 2 : 16;
        ch->consts = xrealloc(ch->consts, sizeof *ch->consts * (size_t)ch->constcap);
    }
    ch->consts[ch->nconsts] = v;
    return ch->nconsts++;
}

static int name_const(struct compiler *c, int line, struct str *name)
{
    return add_const(c, line, v_obj(&name->h));
}

/* Points the jump at `at` to `target`. */
static void patch_jump_to(struct compiler *c, int at, int target, int line)
{
    int off = target - (at + 1);
    if (off < -SBX_BIAS || off > MAX_BX - SBX_BIAS) {
        cerror(c, line, "jump too far");
        return;
    }
    instr *in = &cur_chunk(c)->code[at];
    *in = MK_ABX(INSTR_OP(*in), INSTR_A(*in), off + SBX_BIAS);
}

static void patch_jump(struct compiler *c, int at, int line)
{
    patch_jump_to(c, at, here(c), line);
}

/* Emits a jump whose target is filled in later by patch_jump(). */
static int emit_jump(struct compiler *c, int line, int op, int reg)
{
    return emit_abx(c, line, op, reg, SBX_BIAS);
}

static void emit_jump_back(struct compiler *c, int line, int target)
{
    patch_jump_to(c, emit_jump(c, line, OP_JMP, 0), target, line);
}

/* ------------------------------------------------------------------ */
/* Registers and scopes                                               */
/* ------------------------------------------------------------------ */

static int alloc_reg(struct compiler *c, int line)
{
    struct fnstate *fs = c->fs;
    if (fs->freereg >= MAX_REGS) {
        cerror(c, line, "expression too complex (out of registers)");
        return MAX_REGS - 1;
    }
    int r = fs->freereg++;
    if (fs->freereg > fs->fn->nslots)
        fs->fn->nslots = fs->freereg;
    return r;
}

static void free_temps(struct compiler *c, int mark)
{
    c->fs->freereg = mark;
}

static int resolve_local(const struct fnstate *fs, const struct str *name)
{
    for (int i = fs->nlocals - 1; i >= 0; i--)
        if (fs->locals[i].name == name)
            return i;
    return -1;
}

/* Declares the next local; it takes register fs->nlocals, which the
 * caller has already reserved (and usually initialized). */
static void declare_local(struct compiler *c, int line, struct str *name)
{
    struct fnstate *fs = c->fs;
    for (int i = fs->nlocals - 1; i >= 0 && fs->locals[i].depth == fs->depth; i--) {
        if (fs->locals[i].name == name) {
            cerror(c, line, "variable already declared in this scope");
            break;
        }
    }
    if (fs->nlocals == MAX_LOCALS) {
        cerror(c, line, "too many local variables");
        return;
    }
    fs->locals[fs->nlocals].name = name;
    fs->locals[fs->nlocals].depth = fs->depth;
    fs->nlocals++;
    if (fs->freereg < fs->nlocals)
        fs->freereg = fs->nlocals;
}

static void begin_scope(struct compiler *c)
{
    c->fs->depth++;
}

static void end_scope(struct compiler *c)
{
    struct fnstate *fs = c->fs;
    fs->depth--;
    while (fs->nlocals > 0 && fs->locals[fs->nlocals - 1].depth > fs->depth)
        fs->nlocals--;
    fs->freereg = fs->nlocals;
}

/* Globals are only declared by top-level statements of the script. */
static bool at_global_scope(const struct compiler *c)
{
    return c->fs->depth == 0 && c->fs->fn->name == NULL;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static void expr_to(struct compiler *c, const struct node *n, int dst);
static void stmt(struct compiler *c, const struct node *n);

static int binop_opcode(enum tok op)
{
    switch (op) {
    case TK_PLUS: case TK_PLUS_ASSIGN: return OP_ADD;
    case TK_MINUS: case TK_MINUS_ASSIGN: return OP_SUB;
    case TK_STAR: case TK_STAR_ASSIGN: return OP_MUL;
    case TK_SLASH: case TK_SLASH_ASSIGN: return OP_DIV;
    case TK_PERCENT: case TK_PERCENT_ASSIGN: return OP_MOD;
    case TK_AMP: return OP_BAND;
    case TK_PIPE: return OP_BOR;
    case TK_CARET: return OP_BXOR;
    case TK_SHL: return OP_SHL;
    case TK_SHR: return OP_SHR;
    case TK_EQ: return OP_EQ;
    case TK_NE: return OP_NE;
    case TK_LT: case TK_GT: return OP_LT;
    case TK_LE: case TK_GE: return OP_LE;
    default: return OP_COUNT;
    }
}

static bool const_of(const struct node *n, value *out)
{
    switch (n->kind) {
    case N_INT: *out = v_int(n->ival); return true;
    case N_FLOAT: *out = v_float(n->fval); return true;
    case N_STR: *out = v_obj(&n->name->h); return true;
    case N_NIL: *out = v_nil(); return true;
    default: return false;
    }
}

/* Returns an RK operand for n: a constant or local in place, otherwise
 * a fresh temporary holding the value. */
static int expr_rk(struct compiler *c, const struct node *n)
{
    value k;
    if (const_of(n, &k)) {
        int idx = add_const(c, n->line, k);
        if (idx <= MAX_RK_CONST)
            return RK_CONST | idx;
    } else if (n->kind == N_NAME) {
        int r = resolve_local(c->fs, n->name);
        if (r >= 0)
            return r;
    }
    int r = alloc_reg(c, n->line);
    expr_to(c, n, r);
    return r;
}

/* Like expr_rk, but always yields a register. */
static int expr_reg(struct compiler *c, const struct node *n)
{
    int rk = expr_rk(c, n);
    if (!(rk & RK_CONST))
        return rk;
    int r = alloc_reg(c, n->line);
    emit_abx(c, n->line, OP_LOADK, r, rk & MAX_RK_CONST);
    return r;
}

static bool is_temp(const struct compiler *c, int reg)
{
    return reg >= c->fs->nlocals;
}

static void call_to(struct compiler *c, const struct node *n, int dst)
{
    int mark = c->fs->freereg;
    if (n->nlist > 255) {
        cerror(c, n->line, "too many call arguments");
        return;
    }
    /* The callee and its arguments need consecutive registers; if dst is
     * the newest temporary it can serve as the callee slot itself. */
    int base = (is_temp(c, dst) && dst == c->fs->freereg - 1) ? dst : alloc_reg(c, n->line);
    expr_to(c, n->a, base);
    for (int i = 0; i < n->nlist; i++)
        expr_to(c, n->list[i], alloc_reg(c, n->list[i]->line));
    emit_abc(c, n->line, OP_CALL, base, n->nlist, 0);
    if (base != dst)
        emit_abc(c, n->line, OP_MOVE, dst, base, 0);
    free_temps(c, mark);
}

static void and_or_to(struct compiler *c, const struct node *n, int dst)
{
    /* dst is written before the right operand runs, so it must not be a
     * variable the right operand might read. */
    if (!is_temp(c, dst)) {
        int mark = c->fs->freereg;
        int t = alloc_reg(c, n->line);
        and_or_to(c, n, t);
        emit_abc(c, n->line, OP_MOVE, dst, t, 0);
        free_temps(c, mark);
        return;
    }
    expr_to(c, n->a, dst);
    int j = emit_jump(c, n->line, n->kind == N_AND ? OP_JMPF : OP_JMPT, dst);
    expr_to(c, n->b, dst);
    patch_jump(c, j, n->line);
}

static void list_to(struct compiler *c, const struct node *n, int dst, int op)
{
    int mark = c->fs->freereg;
    int base = c->fs->freereg;
    if (n->nlist > 0x1ff * (op == OP_NEWMAP ? 2 : 1)) {
        cerror(c, n->line, "literal too long");
        return;
    }
    for (int i = 0; i < n->nlist; i++)
        expr_to(c, n->list[i], alloc_reg(c, n->list[i]->line));
    emit_abc(c, n->line, op, dst, base, op == OP_NEWMAP ? n->nlist / 2 : n->nlist);
    free_temps(c, mark);
}

/* Compiles n so that its value ends up in register dst. */
static void expr_to(struct compiler *c, const struct node *n, int dst)
{
    int mark = c->fs->freereg;
    value k;
    switch (n->kind) {
    case N_INT:
    case N_FLOAT:
    case N_STR:
        const_of(n, &k);
        emit_abx(c, n->line, OP_LOADK, dst, add_const(c, n->line, k));
        break;
    case N_NIL:
        emit_abc(c, n->line, OP_LOADNIL, dst, 0, 0);
        break;
    case N_NAME: {
        int r = resolve_local(c->fs, n->name);
        if (r < 0)
            emit_abx(c, n->line, OP_GETGLOBAL, dst, name_const(c, n->line, n->name));
        else if (r != dst)
            emit_abc(c, n->line, OP_MOVE, dst, r, 0);
        break;
    }
    case N_UNARY: {
        int b = expr_rk(c, n->a);
        int op = n->op == TK_MINUS ? OP_NEG : n->op == TK_BANG ? OP_NOT : OP_BNOT;
        emit_abc(c, n->line, op, dst, b, 0);
        break;
    }
    case N_BINARY: {
        int b = expr_rk(c, n->a);
        int cc = expr_rk(c, n->b);
        if (n->op == TK_GT || n->op == TK_GE) { /* a > b  ==  b < a */
            int t = b;
            b = cc;
            cc = t;
        }
        emit_abc(c, n->line, binop_opcode(n->op), dst, b, cc);
        break;
    }
    case N_AND:
    case N_OR:
        and_or_to(c, n, dst);
        break;
    case N_CALL:
        call_to(c, n, dst);
        break;
    case N_INDEX: {
        int b = expr_rk(c, n->a);
        int cc = expr_rk(c, n->b);
        emit_abc(c, n->line, OP_GETINDEX, dst, b, cc);
        break;
    }
    case N_ARRAY:
        list_to(c, n, dst, OP_NEWARRAY);
        break;
    case N_MAP:
        list_to(c, n, dst, OP_NEWMAP);
        break;
    default:
        cerror(c, n->line, "statement used as expression");
        break;
    }
    free_temps(c, mark);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static void assign(struct compiler *c, const struct node *n)
{
    const struct node *target = n->a;
    bool compound = n->op != TK_ASSIGN;
    int op = compound ? binop_opcode(n->op) : OP_COUNT;

    if (target->kind == N_NAME) {
        int r = resolve_local(c->fs, target->name);
        int g = r < 0 ? name_const(c, n->line, target->name) : 0;
        if (r >= 0 && !compound) {
            expr_to(c, n->b, r);
        } else if (r >= 0) {
            emit_abc(c, n->line, op, r, r, expr_rk(c, n->b));
        } else if (!compound) {
            emit_abx(c, n->line, OP_SETGLOBAL, expr_reg(c, n->b), g);
        } else {
            int t = alloc_reg(c, n->line);
            emit_abx(c, n->line, OP_GETGLOBAL, t, g);
            emit_abc(c, n->line, op, t, t, expr_rk(c, n->b));
            emit_abx(c, n->line, OP_SETGLOBAL, t, g);
        }
        return;
    }

    /* target[key] op= value */
    int obj = expr_reg(c, target->a);
    int key = expr_rk(c, target->b);
    if (compound) {
        int t = alloc_reg(c, n->line);
        emit_abc(c, n->line, OP_GETINDEX, t, obj, key);
        emit_abc(c, n->line, op, t, t, expr_rk(c, n->b));
        emit_abc(c, n->line, OP_SETINDEX, obj, key, t);
    } else {
        emit_abc(c, n->line, OP_SETINDEX, obj, key, expr_rk(c, n->b));
    }
}

static void var_stmt(struct compiler *c, const struct node *n)
{
    if (at_global_scope(c)) {
        int r = n->a ? expr_reg(c, n->a) : alloc_reg(c, n->line);
        if (!n->a)
            emit_abc(c, n->line, OP_LOADNIL, r, 0, 0);
        emit_abx(c, n->line, OP_DEFGLOBAL, r, name_const(c, n->line, n->name));
        return;
    }
    /* The initializer is compiled before the name is visible, so
     * `var x = x;` reads an outer x. */
    int r = alloc_reg(c, n->line);
    if (r != c->fs->nlocals)
        cerror(c, n->line, "internal error: local register mismatch");
    if (n->a)
        expr_to(c, n->a, r);
    else
        emit_abc(c, n->line, OP_LOADNIL, r, 0, 0);
    declare_local(c, n->line, n->name);
}

/* Compiles a condition and emits a jump taken when it is false; returns
 * the jump to patch.  Comparisons become a TEST instruction followed by
 * the jump it controls, so no boolean is materialized. */
static int cond_jump(struct compiler *c, const struct node *cond)
{
    int mark = c->fs->freereg;
    int j;
    if (cond->kind == N_BINARY && (cond->op == TK_LT || cond->op == TK_LE ||
                                   cond->op == TK_GT || cond->op == TK_GE ||
                                   cond->op == TK_EQ || cond->op == TK_NE)) {
        int b = expr_rk(c, cond->a);
        int cc = expr_rk(c, cond->b);
        int op = cond->op == TK_EQ || cond->op == TK_NE ? OP_TESTEQ
                 : cond->op == TK_LT || cond->op == TK_GT ? OP_TESTLT
                                                          : OP_TESTLE;
        if (cond->op == TK_GT || cond->op == TK_GE) {
            int t = b;
            b = cc;
            cc = t;
        }
        /* jump when the comparison yields `expect` */
        int expect = cond->op == TK_NE ? 1 : 0;
        emit_abc(c, cond->line, op, expect, b, cc);
        j = emit_jump(c, cond->line, OP_JMP, 0);
    } else {
        int r = expr_reg(c, cond);
        j = emit_jump(c, cond->line, OP_JMPF, r);
    }
    free_temps(c, mark);
    return j;
}

static void loop_body(struct compiler *c, struct loop *lp, const struct node *body)
{
    lp->enclosing = c->fs->loop;
    c->fs->loop = lp;
    stmt(c, body);
    c->fs->loop = lp->enclosing;
}

static void patch_loop_exits(struct compiler *c, struct loop *lp, int line)
{
    for (int i = 0; i < lp->nconts; i++)
        patch_jump_to(c, lp->conts[i], lp->cont_target, line);
    for (int i = 0; i < lp->nbreaks; i++)
        patch_jump(c, lp->breaks[i], line);
}

static void while_stmt(struct compiler *c, const struct node *n)
{
    struct loop lp;
    memset(&lp, 0, sizeof lp);
    int start = here(c);
    lp.cont_target = start;
    int exit = cond_jump(c, n->a);
    loop_body(c, &lp, n->b);
    emit_jump_back(c, n->line, start);
    patch_jump(c, exit, n->line);
    patch_loop_exits(c, &lp, n->line);
}

static void for_stmt(struct compiler *c, const struct node *n)
{
    struct loop lp;
    memset(&lp, 0, sizeof lp);
    lp.cont_target = -1;
    begin_scope(c);
    if (n->a)
        stmt(c, n->a);
    int start = here(c);
    int exit = n->b ? cond_jump(c, n->b) : -1;
    loop_body(c, &lp, n->d);
    lp.cont_target = here(c);
    if (n->c)
        stmt(c, n->c);
    emit_jump_back(c, n->line, start);
    if (exit >= 0)
        patch_jump(c, exit, n->line);
    patch_loop_exits(c, &lp, n->line);
    end_scope(c);
}

static void jump_stmt(struct compiler *c, const struct node *n)
{
    struct loop *lp = c->fs->loop;
    if (!lp) {
        cerror(c, n->line, n->kind == N_BREAK ? "'break' outside a loop"
                                             : "'continue' outside a loop");
        return;
    }
    if (n->kind == N_CONTINUE && lp->cont_target >= 0) {
        emit_jump_back(c, n->line, lp->cont_target);
        return;
    }
    int *list = n->kind == N_BREAK ? lp->breaks : lp->conts;
    int *count = n->kind == N_BREAK ? &lp->nbreaks : &lp->nconts;
    if (*count == MAX_JUMPS) {
        cerror(c, n->line, "too many break/continue statements in loop");
        return;
    }
    list[(*count)++] = emit_jump(c, n->line, OP_JMP, 0);
}

static void stmt(struct compiler *c, const struct node *n)
{
    switch (n->kind) {
    case N_EXPR:
        expr_to(c, n->a, alloc_reg(c, n->line));
        break;
    case N_VAR:
        var_stmt(c, n);
        break;
    case N_ASSIGN:
        assign(c, n);
        break;
    case N_BLOCK:
        begin_scope(c);
        for (int i = 0; i < n->nlist; i++)
            stmt(c, n->list[i]);
        end_scope(c);
        break;
    case N_IF: {
        int skip_then = cond_jump(c, n->a);
        stmt(c, n->b);
        if (n->c) {
            int skip_else = emit_jump(c, n->line, OP_JMP, 0);
            patch_jump(c, skip_then, n->line);
            stmt(c, n->c);
            patch_jump(c, skip_else, n->line);
        } else {
            patch_jump(c, skip_then, n->line);
        }
        break;
    }
    case N_WHILE:
        while_stmt(c, n);
        break;
    case N_FOR:
        for_stmt(c, n);
        break;
    case N_RETURN:
        if (n->a)
            emit_abc(c, n->line, OP_RETURN, expr_reg(c, n->a), 1, 0);
        else
            emit_abc(c, n->line, OP_RETURN, 0, 0, 0);
        break;
    case N_BREAK:
    case N_CONTINUE:
        jump_stmt(c, n);
        break;
    default:
        cerror(c, n->line, "unexpected node in statement position");
        break;
    }
    /* temporaries never outlive a statement */
    c->fs->freereg = c->fs->nlocals;
}

/* ------------------------------------------------------------------ */
/* Functions and the program                                          */
/* ------------------------------------------------------------------ */

static struct func *function(struct compiler *c, const struct node *n)
{
    struct fnstate fs;
    memset(&fs, 0, sizeof fs);
    fs.fn = func_new(c->vm, n->name);
    fs.fn->arity = n->nlist;
    struct fnstate *saved = c->fs;
    c->fs = &fs;
    begin_scope(c);
    for (int i = 0; i < n->nlist; i++) {
        alloc_reg(c, n->list[i]->line);
        declare_local(c, n->list[i]->line, n->list[i]->name);
    }
    const struct node *body = n->a;
    for (int i = 0; i < body->nlist; i++)
        stmt(c, body->list[i]);
    emit_abc(c, n->line, OP_RETURN, 0, 0, 0);
    c->fs = saved;
    return fs.fn;
}

struct func *compile_program(struct vm *vm, struct node *prog, const char *path)
{
    struct compiler c;
    memset(&c, 0, sizeof c);
    c.vm = vm;
    c.path = path;

    struct fnstate fs;
    memset(&fs, 0, sizeof fs);
    fs.fn = func_new(vm, NULL);
    c.fs = &fs;

    /* Function declarations are hoisted: define them all up front. */
    for (int i = 0; i < prog->nlist; i++) {
        const struct node *n = prog->list[i];
        if (n->kind != N_FN)
            continue;
        struct func *f = function(&c, n);
        int r = alloc_reg(&c, n->line);
        emit_abx(&c, n->line, OP_LOADK, r, add_const(&c, n->line, v_obj(&f->h)));
        emit_abx(&c, n->line, OP_DEFGLOBAL, r, name_const(&c, n->line, n->name));
        free_temps(&c, 0);
    }
    for (int i = 0; i < prog->nlist; i++)
        if (prog->list[i]->kind != N_FN)
            stmt(&c, prog->list[i]);
    emit_abc(&c, 0, OP_RETURN, 0, 0, 0);
    return c.had_error ? NULL : fs.fn;
}

void chunk_free(struct chunk *ch)
{
    free(ch->code);
    free(ch->lines);
    free(ch->consts);
    memset(ch, 0, sizeof *ch);
}

/* ------------------------------------------------------------------ */
/* Disassembler (interp -d)                                           */
/* ------------------------------------------------------------------ */

static const char *const op_names[OP_COUNT] = {
    "MOVE", "LOADK", "LOADNIL", "GETGLOBAL", "SETGLOBAL", "DEFGLOBAL",
    "ADD", "SUB", "MUL", "DIV", "MOD", "BAND", "BOR", "BXOR", "SHL", "SHR",
    "LT", "LE", "EQ", "NE", "NEG", "NOT", "BNOT", "JMP", "JMPF", "JMPT",
    "TESTLT", "TESTLE", "TESTEQ",
    "CALL", "RETURN", "NEWARRAY", "NEWMAP", "GETINDEX", "SETINDEX",
};

static void print_rk(const struct chunk *ch, struct strbuf *sb, int rk)
{
    if (rk & RK_CONST) {
        sb->len = 0;
        value_write(sb, &ch->consts[rk & MAX_RK_CONST]);
        printf(" K(%.*s)", (int)sb->len, sb->data);
    } else {
        printf(" r%d", rk);
    }
}

void disassemble(const struct func *fn)
{
    const struct chunk *ch = &fn->chunk;
    struct strbuf sb;
    sb_init(&sb);
    printf("== %s (arity %d, %d registers) ==\n",
           fn->name ? fn->name->chars : "<script>", fn->arity, fn->nslots);
    for (int pc = 0; pc < ch->len; pc++) {
        instr in = ch->code[pc];
        int op = INSTR_OP(in), a = INSTR_A(in), b = INSTR_B(in), cc = INSTR_C(in);
        printf("%5d %4d  %-10s", pc, ch->lines[pc], op < OP_COUNT ? op_names[op] : "???");
        switch (op) {
        case OP_LOADK:
        case OP_GETGLOBAL:
        case OP_SETGLOBAL:
        case OP_DEFGLOBAL:
            printf(" r%d", a);
            print_rk(ch, &sb, RK_CONST | INSTR_BX(in));
            break;
        case OP_JMP:
            printf(" -> %d", pc + 1 + INSTR_SBX(in));
            break;
        case OP_JMPF:
        case OP_JMPT:
            printf(" r%d -> %d", a, pc + 1 + INSTR_SBX(in));
            break;
        case OP_TESTLT:
        case OP_TESTLE:
        case OP_TESTEQ:
            printf(" %d", a);
            print_rk(ch, &sb, b);
            print_rk(ch, &sb, cc);
            break;
        case OP_LOADNIL:
            printf(" r%d", a);
            break;
        case OP_RETURN:
            if (b)
                printf(" r%d", a);
            break;
        case OP_MOVE:
            printf(" r%d r%d", a, b);
            break;
        case OP_CALL:
        case OP_NEWARRAY:
        case OP_NEWMAP:
            printf(" r%d %d %d", a, b, cc);
            break;
        case OP_NEG:
        case OP_NOT:
        case OP_BNOT:
            printf(" r%d", a);
            print_rk(ch, &sb, b);
            break;
        default:
            printf(" r%d", a);
            print_rk(ch, &sb, b);
            print_rk(ch, &sb, cc);
            break;
        }
        printf("\n");
    }
    sb_free(&sb);
    for (int k = 0; k < ch->nconsts; k++)
        if (ch->consts[k].type == T_FUNC)
            disassemble(AS_FUNC(ch->consts[k]));
}
