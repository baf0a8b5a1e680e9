/*
 * parser.c - recursive-descent parser producing an AST.
 *
 * Statements are parsed by plain recursive descent; binary expressions
 * by precedence climbing.  Nodes live in an arena that is released as a
 * whole once the program has been compiled.
 */
#include "interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t cap;
    _Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK 65536

static void *arena_alloc(struct arena *ar, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct arena_block *b = ar->head;
    if (!b || b->used + n > b->cap) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof *b + cap);
        b->next = ar->head;
        b->used = 0;
        b->cap = cap;
        ar->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

void arena_free(struct arena *ar)
{
    struct arena_block *b = ar->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    ar->head = NULL;
}

/* ------------------------------------------------------------------ */
/* Parser state                                                        */
/* ------------------------------------------------------------------ */

struct parser {
    struct lexer lx;
    struct arena *ar;
    const char *path;
    struct token cur;
    struct token prev;
    bool had_error;
    bool panic;
};

/* Temporary growable list of nodes, copied into the arena when done. */
struct nodevec {
    struct node **items;
    int len;
    int cap;
};

static void nv_push(struct nodevec *v, struct node *n)
{
    if (v->len == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->items = xrealloc(v->items, sizeof *v->items * (size_t)v->cap);
    }
    v->items[v->len++] = n;
}

static void nv_finish(struct parser *p, struct nodevec *v, struct node *owner)
{
    owner->nlist = v->len;
    if (v->len) {
        owner->list = arena_alloc(p->ar, sizeof *owner->list * (size_t)v->len);
        memcpy(owner->list, v->items, sizeof *owner->list * (size_t)v->len);
    }
    free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

static struct node *new_node(struct parser *p, enum node_kind kind, int line)
{
    struct node *n = arena_alloc(p->ar, sizeof *n);
    n->kind = kind;
    n->line = line;
    return n;
}

static void error_at(struct parser *p, const struct token *t, const char *msg)
{
    if (p->panic)
        return;
    p->panic = true;
    p->had_error = true;
    fprintf(stderr, "%s:%d: error", p->path, t->line);
    if (t->kind == TK_EOF)
        fprintf(stderr, " at end");
    else if (t->kind != TK_ERROR)
        fprintf(stderr, " at '%.*s'", t->len, t->start);
    fprintf(stderr, ": %s\n", msg);
}

static void advance(struct parser *p)
{
    p->prev = p->cur;
    for (;;) {
        p->cur = lexer_next(&p->lx);
        if (p->cur.kind != TK_ERROR)
            break;
        error_at(p, &p->cur, p->cur.msg);
    }
}

static bool check(const struct parser *p, enum tok kind)
{
    return p->cur.kind == kind;
}

static bool accept(struct parser *p, enum tok kind)
{
    if (!check(p, kind))
        return false;
    advance(p);
    return true;
}

static void expect(struct parser *p, enum tok kind, const char *what)
{
    if (check(p, kind)) {
        advance(p);
        return;
    }
    char msg[128];
    snprintf(msg, sizeof msg, "expected %s %s", tok_name(kind), what);
    error_at(p, &p->cur, msg);
}

/* After an error, skip to a likely statement boundary. */
static void synchronize(struct parser *p)
{
    p->panic = false;
    while (!check(p, TK_EOF)) {
        if (p->prev.kind == TK_SEMI)
            return;
        switch (p->cur.kind) {
        case TK_FN:
        case TK_VAR:
        case TK_IF:
        case TK_WHILE:
        case TK_FOR:
        case TK_RETURN:
        case TK_RBRACE:
            return;
        default:
            advance(p);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static struct node *expression(struct parser *p);

static struct node *arg_list(struct parser *p, struct node *owner,
                             enum tok close)
{
    struct nodevec v = {0};
    if (!check(p, close)) {
        do {
            if (check(p, close))
                break; /* trailing comma */
            nv_push(&v, expression(p));
        } while (accept(p, TK_COMMA));
    }
    expect(p, close, "after list");
    nv_finish(p, &v, owner);
    return owner;
}

static struct node *map_literal(struct parser *p, int line)
{
    struct node *n = new_node(p, N_MAP, line);
    struct nodevec v = {0};
    if (!check(p, TK_RBRACE)) {
        do {
            if (check(p, TK_RBRACE))
                break;
            struct node *key;
            if (check(p, TK_IDENT)) {
                /* {name: v} is shorthand for {"name": v} */
                advance(p);
                key = new_node(p, N_STR, p->prev.line);
                key->name = p->prev.sval;
            } else {
                key = expression(p);
            }
            expect(p, TK_COLON, "after map key");
            nv_push(&v, key);
            nv_push(&v, expression(p));
        } while (accept(p, TK_COMMA));
    }
    expect(p, TK_RBRACE, "after map literal");
    nv_finish(p, &v, n);
    return n;
}

static struct node *primary(struct parser *p)
{
    struct token t = p->cur;
    struct node *n;
    switch (t.kind) {
    case TK_INT:
        advance(p);
        n = new_node(p, N_INT, t.line);
        n->ival = t.ival;
        return n;
    case TK_FLOAT:
        advance(p);
        n = new_node(p, N_FLOAT, t.line);
        n->fval = t.fval;
        return n;
    case TK_STRING:
        advance(p);
        n = new_node(p, N_STR, t.line);
        n->name = t.sval;
        return n;
    case TK_TRUE:
    case TK_FALSE:
        advance(p);
        n = new_node(p, N_INT, t.line);
        n->ival = t.kind == TK_TRUE;
        return n;
    case TK_NIL:
        advance(p);
        return new_node(p, N_NIL, t.line);
    case TK_IDENT:
        advance(p);
        n = new_node(p, N_NAME, t.line);
        n->name = t.sval;
        return n;
    case TK_LPAREN:
        advance(p);
        n = expression(p);
        expect(p, TK_RPAREN, "after expression");
        return n;
    case TK_LBRACKET:
        advance(p);
        return arg_list(p, new_node(p, N_ARRAY, t.line), TK_RBRACKET);
    case TK_LBRACE:
        advance(p);
        return map_literal(p, t.line);
    default:
        error_at(p, &t, "expected expression");
        advance(p);
        return new_node(p, N_NIL, t.line);
    }
}

static struct node *postfix(struct parser *p)
{
    struct node *n = primary(p);
    for (;;) {
        int line = p->cur.line;
        if (accept(p, TK_LPAREN)) {
            struct node *call = new_node(p, N_CALL, line);
            call->a = n;
            n = arg_list(p, call, TK_RPAREN);
        } else if (accept(p, TK_LBRACKET)) {
            struct node *idx = new_node(p, N_INDEX, line);
            idx->a = n;
            idx->b = expression(p);
            expect(p, TK_RBRACKET, "after index");
            n = idx;
        } else {
            return n;
        }
    }
}

static struct node *unary(struct parser *p)
{
    switch (p->cur.kind) {
    case TK_MINUS:
    case TK_BANG:
    case TK_TILDE: {
        struct token t = p->cur;
        advance(p);
        struct node *operand = unary(p);
        /* fold negative literals right away */
        if (t.kind == TK_MINUS && operand->kind == N_INT) {
            operand->ival = (int64_t)(0 - (uint64_t)operand->ival);
            return operand;
        }
        if (t.kind == TK_MINUS && operand->kind == N_FLOAT) {
            operand->fval = -operand->fval;
            return operand;
        }
        struct node *n = new_node(p, N_UNARY, t.line);
        n->op = t.kind;
        n->a = operand;
        return n;
    }
    case TK_PLUS:
        advance(p);
        return unary(p);
    default:
        return postfix(p);
    }
}

/* Binding power of binary operators; 0 = not a binary operator. */
static int binary_prec(enum tok kind)
{
    switch (kind) {
    case TK_OROR:
        return 1;
    case TK_ANDAND:
        return 2;
    case TK_PIPE:
        return 3;
    case TK_CARET:
        return 4;
    case TK_AMP:
        return 5;
    case TK_EQ:
    case TK_NE:
        return 6;
    case TK_LT:
    case TK_LE:
    case TK_GT:
    case TK_GE:
        return 7;
    case TK_SHL:
    case TK_SHR:
        return 8;
    case TK_PLUS:
    case TK_MINUS:
        return 9;
    case TK_STAR:
    case TK_SLASH:
    case TK_PERCENT:
        return 10;
    default:
        return 0;
    }
}

static struct node *binary(struct parser *p, int min_prec)
{
    struct node *lhs = unary(p);
    for (;;) {
        enum tok op = p->cur.kind;
        int prec = binary_prec(op);
        if (prec == 0 || prec < min_prec)
            return lhs;
        int line = p->cur.line;
        advance(p);
        struct node *rhs = binary(p, prec + 1); /* left associative */
        struct node *n;
        if (op == TK_ANDAND) {
            n = new_node(p, N_AND, line);
        } else if (op == TK_OROR) {
            n = new_node(p, N_OR, line);
        } else {
            n = new_node(p, N_BINARY, line);
            n->op = op;
        }
        n->a = lhs;
        n->b = rhs;
        lhs = n;
    }
}

static struct node *expression(struct parser *p)
{
    return binary(p, 1);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static struct node *statement(struct parser *p);

static struct node *block(struct parser *p)
{
    struct node *n = new_node(p, N_BLOCK, p->prev.line);
    struct nodevec v = {0};
    while (!check(p, TK_RBRACE) && !check(p, TK_EOF)) {
        nv_push(&v, statement(p));
        if (p->panic)
            synchronize(p);
    }
    expect(p, TK_RBRACE, "after block");
    nv_finish(p, &v, n);
    return n;
}

static struct node *var_decl(struct parser *p)
{
    struct node *n = new_node(p, N_VAR, p->prev.line);
    expect(p, TK_IDENT, "after 'var'");
    n->name = p->prev.sval;
    if (accept(p, TK_ASSIGN))
        n->a = expression(p);
    return n;
}

static bool is_assign_op(enum tok kind)
{
    switch (kind) {
    case TK_ASSIGN:
    case TK_PLUS_ASSIGN:
    case TK_MINUS_ASSIGN:
    case TK_STAR_ASSIGN:
    case TK_SLASH_ASSIGN:
    case TK_PERCENT_ASSIGN:
        return true;
    default:
        return false;
    }
}

/* An expression statement or an assignment, without the ';'. */
static struct node *simple(struct parser *p)
{
    int line = p->cur.line;
    struct node *e = expression(p);
    if (is_assign_op(p->cur.kind)) {
        struct token op = p->cur;
        advance(p);
        if (e->kind != N_NAME && e->kind != N_INDEX)
            error_at(p, &op, "invalid assignment target");
        struct node *n = new_node(p, N_ASSIGN, line);
        n->op = op.kind;
        n->a = e;
        n->b = expression(p);
        return n;
    }
    struct node *n = new_node(p, N_EXPR, line);
    n->a = e;
    return n;
}

static struct node *if_stmt(struct parser *p)
{
    struct node *n = new_node(p, N_IF, p->prev.line);
    expect(p, TK_LPAREN, "after 'if'");
    n->a = expression(p);
    expect(p, TK_RPAREN, "after condition");
    n->b = statement(p);
    if (accept(p, TK_ELSE))
        n->c = statement(p);
    return n;
}

static struct node *while_stmt(struct parser *p)
{
    struct node *n = new_node(p, N_WHILE, p->prev.line);
    expect(p, TK_LPAREN, "after 'while'");
    n->a = expression(p);
    expect(p, TK_RPAREN, "after condition");
    n->b = statement(p);
    return n;
}

static struct node *for_stmt(struct parser *p)
{
    struct node *n = new_node(p, N_FOR, p->prev.line);
    expect(p, TK_LPAREN, "after 'for'");
    if (accept(p, TK_VAR))
        n->a = var_decl(p);
    else if (!check(p, TK_SEMI))
        n->a = simple(p);
    expect(p, TK_SEMI, "after loop initializer");
    if (!check(p, TK_SEMI))
        n->b = expression(p);
    expect(p, TK_SEMI, "after loop condition");
    if (!check(p, TK_RPAREN))
        n->c = simple(p);
    expect(p, TK_RPAREN, "after for clauses");
    n->d = statement(p);
    return n;
}

static struct node *statement(struct parser *p)
{
    struct node *n;
    switch (p->cur.kind) {
    case TK_VAR:
        advance(p);
        n = var_decl(p);
        expect(p, TK_SEMI, "after variable declaration");
        return n;
    case TK_IF:
        advance(p);
        return if_stmt(p);
    case TK_WHILE:
        advance(p);
        return while_stmt(p);
    case TK_FOR:
        advance(p);
        return for_stmt(p);
    case TK_LBRACE:
        advance(p);
        return block(p);
    case TK_RETURN:
        advance(p);
        n = new_node(p, N_RETURN, p->prev.line);
        if (!check(p, TK_SEMI))
            n->a = expression(p);
        expect(p, TK_SEMI, "after return value");
        return n;
    case TK_BREAK:
    case TK_CONTINUE:
        advance(p);
        n = new_node(p, p->prev.kind == TK_BREAK ? N_BREAK : N_CONTINUE,
                     p->prev.line);
        expect(p, TK_SEMI, "after jump");
        return n;
    case TK_SEMI:
        advance(p);
        return new_node(p, N_BLOCK, p->prev.line);
    case TK_FN:
        error_at(p, &p->cur, "functions may only be declared at top level");
        advance(p);
        return new_node(p, N_BLOCK, p->prev.line);
    default:
        n = simple(p);
        expect(p, TK_SEMI, "after statement");
        return n;
    }
}

static struct node *fn_decl(struct parser *p)
{
    struct node *n = new_node(p, N_FN, p->prev.line);
    expect(p, TK_IDENT, "after 'fn'");
    n->name = p->prev.sval;
    expect(p, TK_LPAREN, "after function name");
    struct nodevec params = {0};
    if (!check(p, TK_RPAREN)) {
        do {
            expect(p, TK_IDENT, "as parameter name");
            struct node *param = new_node(p, N_NAME, p->prev.line);
            param->name = p->prev.sval;
            nv_push(&params, param);
        } while (accept(p, TK_COMMA));
    }
    expect(p, TK_RPAREN, "after parameters");
    nv_finish(p, &params, n);
    expect(p, TK_LBRACE, "before function body");
    n->a = block(p);
    return n;
}

struct node *parse_program(struct vm *vm, const char *src, const char *path,
                           struct arena *ar)
{
    struct parser p;
    memset(&p, 0, sizeof p);
    p.ar = ar;
    p.path = path;
    lexer_init(&p.lx, vm, src);
    advance(&p);

    struct node *prog = new_node(&p, N_PROGRAM, 1);
    struct nodevec v = {0};
    while (!check(&p, TK_EOF)) {
        if (accept(&p, TK_FN))
            nv_push(&v, fn_decl(&p));
        else
            nv_push(&v, statement(&p));
        if (p.panic)
            synchronize(&p);
    }
    nv_finish(&p, &v, prog);
    lexer_free(&p.lx);
    return p.had_error ? NULL : prog;
}
