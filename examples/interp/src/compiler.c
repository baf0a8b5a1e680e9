/*
 * compiler.c - AST -> stack bytecode.
 *
 * Each function gets a fixed frame of `nslots` value slots (parameters
 * first, then every local declared anywhere in its body).  Names that
 * are not locals resolve to globals, looked up by interned name at run
 * time, so functions may call functions declared later in the file.
 */
#include "interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LOCALS 256
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
    int nlocals;
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

static void emit(struct compiler *c, int line, uint8_t byte)
{
    struct chunk *ch = cur_chunk(c);
    if (ch->len == ch->cap) {
        ch->cap = ch->cap ? ch->cap * 2 : 64;
        ch->code = xrealloc(ch->code, (size_t)ch->cap);
        ch->lines = xrealloc(ch->lines, sizeof *ch->lines * (size_t)ch->cap);
    }
    ch->code[ch->len] = byte;
    ch->lines[ch->len] = line;
    ch->len++;
}

static void emit_u16(struct compiler *c, int line, uint8_t op, int arg)
{
    emit(c, line, op);
    emit(c, line, (uint8_t)(arg & 0xff));
    emit(c, line, (uint8_t)((arg >> 8) & 0xff));
}

static void emit_u8(struct compiler *c, int line, uint8_t op, int arg)
{
    emit(c, line, op);
    emit(c, line, (uint8_t)arg);
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
    if (ch->nconsts >= 65535) {
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

static void emit_const(struct compiler *c, int line, value v)
{
    emit_u16(c, line, OP_CONST, add_const(c, line, v));
}

/* Emits a forward jump and returns the position of its operand. */
static int emit_jump(struct compiler *c, int line, uint8_t op)
{
    emit_u16(c, line, op, 0);
    return cur_chunk(c)->len - 2;
}

static void patch_jump_to(struct compiler *c, int at, int target, int line)
{
    int off = target - (at + 2);
    if (off < -32768 || off > 32767) {
        cerror(c, line, "jump too far");
        return;
    }
    struct chunk *ch = cur_chunk(c);
    ch->code[at] = (uint8_t)(off & 0xff);
    ch->code[at + 1] = (uint8_t)((off >> 8) & 0xff);
}

static void patch_jump(struct compiler *c, int at, int line)
{
    patch_jump_to(c, at, cur_chunk(c)->len, line);
}

static void emit_jump_back(struct compiler *c, int line, int target)
{
    int at = emit_jump(c, line, OP_JUMP);
    patch_jump_to(c, at, target, line);
}

/* ------------------------------------------------------------------ */
/* Scopes                                                              */
/* ------------------------------------------------------------------ */

static int resolve_local(struct fnstate *fs, struct str *name)
{
    for (int i = fs->nlocals - 1; i >= 0; i--)
        if (fs->locals[i].name == name)
            return i;
    return -1;
}

static int declare_local(struct compiler *c, int line, struct str *name)
{
    struct fnstate *fs = c->fs;
    for (int i = fs->nlocals - 1; i >= 0 && fs->locals[i].depth == fs->depth; i--) {
        if (fs->locals[i].name == name) {
            cerror(c, line, "variable already declared in this scope");
            return i;
        }
    }
    if (fs->nlocals == MAX_LOCALS) {
        cerror(c, line, "too many local variables");
        return 0;
    }
    fs->locals[fs->nlocals].name = name;
    fs->locals[fs->nlocals].depth = fs->depth;
    if (fs->nlocals + 1 > fs->fn->nslots)
        fs->fn->nslots = fs->nlocals + 1;
    return fs->nlocals++;
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
}

/* Globals are only declared by top-level statements of the script. */
static bool at_global_scope(const struct compiler *c)
{
    return c->fs->depth == 0 && c->fs->fn->name == NULL;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static void expr(struct compiler *c, const struct node *n);
static void stmt(struct compiler *c, const struct node *n);

static uint8_t binop_opcode(enum tok op)
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
    case TK_LT: return OP_LT;
    case TK_LE: return OP_LE;
    case TK_GT: return OP_GT;
    case TK_GE: return OP_GE;
    default: return OP_COUNT;
    }
}

static void name_get(struct compiler *c, int line, struct str *name)
{
    int slot = resolve_local(c->fs, name);
    if (slot >= 0)
        emit_u8(c, line, OP_GET_LOCAL, slot);
    else
        emit_u16(c, line, OP_GET_GLOBAL, add_const(c, line, v_obj(&name->h)));
}

static void name_set(struct compiler *c, int line, struct str *name)
{
    int slot = resolve_local(c->fs, name);
    if (slot >= 0)
        emit_u8(c, line, OP_SET_LOCAL, slot);
    else
        emit_u16(c, line, OP_SET_GLOBAL, add_const(c, line, v_obj(&name->h)));
}

static void expr_list(struct compiler *c, const struct node *n)
{
    for (int i = 0; i < n->nlist; i++)
        expr(c, n->list[i]);
}

static void expr(struct compiler *c, const struct node *n)
{
    switch (n->kind) {
    case N_INT:
        emit_const(c, n->line, v_int(n->ival));
        break;
    case N_FLOAT:
        emit_const(c, n->line, v_float(n->fval));
        break;
    case N_STR:
        emit_const(c, n->line, v_obj(&n->name->h));
        break;
    case N_NIL:
        emit(c, n->line, OP_NIL);
        break;
    case N_NAME:
        name_get(c, n->line, n->name);
        break;
    case N_UNARY:
        expr(c, n->a);
        switch (n->op) {
        case TK_MINUS: emit(c, n->line, OP_NEG); break;
        case TK_BANG: emit(c, n->line, OP_NOT); break;
        default: emit(c, n->line, OP_BNOT); break;
        }
        break;
    case N_BINARY: {
        uint8_t op = binop_opcode(n->op);
        expr(c, n->a);
        expr(c, n->b);
        emit(c, n->line, op);
        break;
    }
    case N_AND:
    case N_OR: {
        expr(c, n->a);
        int j = emit_jump(c, n->line, n->kind == N_AND ? OP_AND : OP_OR);
        expr(c, n->b);
        patch_jump(c, j, n->line);
        break;
    }
    case N_CALL:
        if (n->nlist > 255) {
            cerror(c, n->line, "too many call arguments");
            break;
        }
        expr(c, n->a);
        expr_list(c, n);
        emit_u8(c, n->line, OP_CALL, n->nlist);
        break;
    case N_INDEX:
        expr(c, n->a);
        expr(c, n->b);
        emit(c, n->line, OP_INDEX_GET);
        break;
    case N_ARRAY:
        expr_list(c, n);
        emit_u16(c, n->line, OP_ARRAY, n->nlist);
        break;
    case N_MAP:
        expr_list(c, n);
        emit_u16(c, n->line, OP_MAP, n->nlist / 2);
        break;
    default:
        cerror(c, n->line, "statement used as expression");
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static void assign(struct compiler *c, const struct node *n)
{
    const struct node *target = n->a;
    bool compound = n->op != TK_ASSIGN;
    if (target->kind == N_NAME) {
        if (compound)
            name_get(c, n->line, target->name);
        expr(c, n->b);
        if (compound)
            emit(c, n->line, binop_opcode(n->op));
        name_set(c, n->line, target->name);
        return;
    }
    /* target[key] op= value */
    expr(c, target->a);
    expr(c, target->b);
    if (compound) {
        emit(c, n->line, OP_DUP2);
        emit(c, n->line, OP_INDEX_GET);
    }
    expr(c, n->b);
    if (compound)
        emit(c, n->line, binop_opcode(n->op));
    emit(c, n->line, OP_INDEX_SET);
}

static void var_stmt(struct compiler *c, const struct node *n)
{
    if (n->a)
        expr(c, n->a);
    else
        emit(c, n->line, OP_NIL);
    if (at_global_scope(c)) {
        emit_u16(c, n->line, OP_DEF_GLOBAL, add_const(c, n->line, v_obj(&n->name->h)));
    } else {
        /* declared after the initializer: `var x = x;` reads the outer x */
        int slot = declare_local(c, n->line, n->name);
        emit_u8(c, n->line, OP_SET_LOCAL, slot);
    }
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
    int start = cur_chunk(c)->len;
    lp.cont_target = start;
    expr(c, n->a);
    int exit = emit_jump(c, n->line, OP_JUMP_IF_FALSE);
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
    int start = cur_chunk(c)->len;
    int exit = -1;
    if (n->b) {
        expr(c, n->b);
        exit = emit_jump(c, n->line, OP_JUMP_IF_FALSE);
    }
    loop_body(c, &lp, n->d);
    lp.cont_target = cur_chunk(c)->len;
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
    list[(*count)++] = emit_jump(c, n->line, OP_JUMP);
}

static void stmt(struct compiler *c, const struct node *n)
{
    switch (n->kind) {
    case N_EXPR:
        expr(c, n->a);
        emit(c, n->line, OP_POP);
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
        expr(c, n->a);
        int skip_then = emit_jump(c, n->line, OP_JUMP_IF_FALSE);
        stmt(c, n->b);
        if (n->c) {
            int skip_else = emit_jump(c, n->line, OP_JUMP);
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
            expr(c, n->a);
        else
            emit(c, n->line, OP_NIL);
        emit(c, n->line, OP_RETURN);
        break;
    case N_BREAK:
    case N_CONTINUE:
        jump_stmt(c, n);
        break;
    default:
        cerror(c, n->line, "unexpected node in statement position");
        break;
    }
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
    for (int i = 0; i < n->nlist; i++)
        declare_local(c, n->list[i]->line, n->list[i]->name);
    const struct node *body = n->a;
    for (int i = 0; i < body->nlist; i++)
        stmt(c, body->list[i]);
    emit(c, n->line, OP_NIL);
    emit(c, n->line, OP_RETURN);
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
        emit_const(&c, n->line, v_obj(&f->h));
        emit_u16(&c, n->line, OP_DEF_GLOBAL, add_const(&c, n->line, v_obj(&n->name->h)));
    }
    for (int i = 0; i < prog->nlist; i++)
        if (prog->list[i]->kind != N_FN)
            stmt(&c, prog->list[i]);
    emit(&c, 0, OP_NIL);
    emit(&c, 0, OP_RETURN);
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
    "CONST", "NIL", "POP", "DUP2", "GET_LOCAL", "SET_LOCAL", "GET_GLOBAL",
    "SET_GLOBAL", "DEF_GLOBAL", "ADD", "SUB", "MUL", "DIV", "MOD", "BAND",
    "BOR", "BXOR", "SHL", "SHR", "NEG", "NOT", "BNOT", "EQ", "NE", "LT",
    "LE", "GT", "GE", "JUMP", "JUMP_IF_FALSE", "AND", "OR", "CALL",
    "RETURN", "ARRAY", "MAP", "INDEX_GET", "INDEX_SET",
};

void disassemble(const struct func *fn)
{
    const struct chunk *ch = &fn->chunk;
    struct strbuf sb;
    sb_init(&sb);
    printf("== %s (arity %d, %d slots) ==\n",
           fn->name ? fn->name->chars : "<script>", fn->arity, fn->nslots);
    for (int i = 0; i < ch->len;) {
        uint8_t op = ch->code[i];
        printf("%5d %4d  %-14s", i, ch->lines[i], op < OP_COUNT ? op_names[op] : "???");
        switch (op) {
        case OP_CONST:
        case OP_GET_GLOBAL:
        case OP_SET_GLOBAL:
        case OP_DEF_GLOBAL: {
            int k = ch->code[i + 1] | ch->code[i + 2] << 8;
            sb.len = 0;
            value_write(&sb, ch->consts[k]);
            printf(" %d (%.*s)", k, (int)sb.len, sb.data);
            i += 3;
            break;
        }
        case OP_ARRAY:
        case OP_MAP:
            printf(" %d", ch->code[i + 1] | ch->code[i + 2] << 8);
            i += 3;
            break;
        case OP_JUMP:
        case OP_JUMP_IF_FALSE:
        case OP_AND:
        case OP_OR: {
            int16_t off = (int16_t)(ch->code[i + 1] | ch->code[i + 2] << 8);
            printf(" -> %d", i + 3 + off);
            i += 3;
            break;
        }
        case OP_GET_LOCAL:
        case OP_SET_LOCAL:
        case OP_CALL:
            printf(" %d", ch->code[i + 1]);
            i += 2;
            break;
        default:
            i += 1;
            break;
        }
        printf("\n");
    }
    sb_free(&sb);
    for (int k = 0; k < ch->nconsts; k++)
        if (ch->consts[k].type == T_FUNC)
            disassemble(AS_FUNC(ch->consts[k]));
}
