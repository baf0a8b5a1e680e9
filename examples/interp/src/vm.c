/*
 * vm.c - the bytecode interpreter loop.
 *
 * A switch-dispatched register machine: each call frame owns a window of
 * the value stack, and instructions name registers of that window (see
 * the encoding in interp.h).  The loop itself only knows about control
 * flow and calls; every operation on values goes through the value_ops
 * table (value.c), globals live in a string-keyed hash table (table.c)
 * and natives in builtins.c.
 */
#include "interp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vm_init(struct vm *vm)
{
    vm->nframes = 0;
    vm->objects = NULL;
    table_init(&vm->globals);
    table_init(&vm->strings);
    sb_init(&vm->out);
    vm->errmsg[0] = '\0';
}

void vm_free(struct vm *vm)
{
    struct obj *o = vm->objects;
    while (o) {
        struct obj *next = o->next;
        obj_free(o);
        o = next;
    }
    vm->objects = NULL;
    table_free(&vm->globals);
    table_free(&vm->strings);
    sb_free(&vm->out);
}

int vm_error(struct vm *vm, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(vm->errmsg, sizeof vm->errmsg, fmt, ap);
    va_end(ap);
    return 0;
}

void vm_define_native(struct vm *vm, const char *name, int arity, native_fn fn)
{
    struct str *s = str_intern(vm, name, strlen(name));
    struct native *n = native_new(vm, name, arity, fn);
    table_set_str(&vm->globals, s, v_obj(&n->h));
}

static void report_error(struct vm *vm)
{
    fprintf(stderr, "runtime error: %s\n", vm->errmsg);
    for (int i = vm->nframes - 1; i >= 0; i--) {
        const struct frame *f = &vm->frames[i];
        if (vm->nframes - i > 8 && i > 0) {
            fprintf(stderr, "  ... %d more frames\n", i);
            i = 0;
            f = &vm->frames[0];
        }
        const struct chunk *ch = &f->fn->chunk;
        int at = (int)(f->ip - ch->code) - 1;
        if (at < 0)
            at = 0;
        fprintf(stderr, "  [line %d] in %s\n", ch->lines[at],
                f->fn->name ? f->fn->name->chars : "script");
    }
}

/* Operand decoding for the current instruction `in`. */
#define RA() (base + INSTR_A(in))
#define RB() (base + INSTR_B(in))
#define RK(x) (((x)&RK_CONST) ? k + ((x)&MAX_RK_CONST) : base + (x))
#define RKB() RK(INSTR_B(in))
#define RKC() RK(INSTR_C(in))
#define KBX() (k + INSTR_BX(in))

/* R[A] = RK[B] op RK[C], through the left operand's ops table. */
#define ARITH(field)                                                    \
    do {                                                                \
        const value *lhs_ = RKB();                                      \
        if (!vops(lhs_)->field(vm, RA(), lhs_, RKC()))                  \
            goto error;                                                 \
    } while (0)

/* Compare RK[B] with RK[C]; if the outcome equals A, take the JMP that
 * follows, otherwise skip it. */
#define TEST(field)                                                     \
    do {                                                                \
        const value *lhs_ = RKB();                                      \
        value r_;                                                       \
        if (!vops(lhs_)->field(vm, &r_, lhs_, RKC()))                   \
            goto error;                                                 \
        if ((r_.as.i != 0) == INSTR_A(in))                              \
            ip += INSTR_SBX(*ip);                                       \
        ip++;                                                           \
    } while (0)

/* Saves the current position so errors and natives see it. */
#define SAVE_IP() (frame->ip = ip)

int vm_run(struct vm *vm, struct func *script)
{
    vm->stack[0] = v_obj(&script->h);
    struct frame *frame = &vm->frames[0];
    vm->nframes = 1;
    frame->fn = script;
    frame->ip = script->chunk.code;
    frame->base = vm->stack + 1;
    for (int i = 0; i < script->nslots; i++)
        frame->base[i] = v_nil();

    const instr *ip = frame->ip;
    value *base = frame->base;
    const value *k = script->chunk.consts;

    for (;;) {
        const instr in = *ip++;
        switch (INSTR_OP(in)) {
        case OP_MOVE:
            *RA() = *RB();
            break;
        case OP_LOADK:
            *RA() = *KBX();
            break;
        case OP_LOADNIL:
            *RA() = v_nil();
            break;
        case OP_GETGLOBAL: {
            const struct str *name = AS_STR(*KBX());
            if (!table_get_str(&vm->globals, name, RA())) {
                vm_error(vm, "undefined variable '%s'", name->chars);
                goto error;
            }
            break;
        }
        case OP_SETGLOBAL: {
            struct str *name = AS_STR(*KBX());
            if (table_set_str(&vm->globals, name, *RA())) {
                table_delete(&vm->globals, KBX());
                vm_error(vm, "assignment to undeclared variable '%s'", name->chars);
                goto error;
            }
            break;
        }
        case OP_DEFGLOBAL:
            table_set_str(&vm->globals, AS_STR(*KBX()), *RA());
            break;
        case OP_ADD: ARITH(add); break;
        case OP_SUB: ARITH(sub); break;
        case OP_MUL: ARITH(mul); break;
        case OP_DIV: ARITH(div); break;
        case OP_MOD: ARITH(mod); break;
        case OP_BAND: ARITH(band); break;
        case OP_BOR: ARITH(bor); break;
        case OP_BXOR: ARITH(bxor); break;
        case OP_SHL: ARITH(shl); break;
        case OP_SHR: ARITH(shr); break;
        case OP_LT: ARITH(lt); break;
        case OP_LE: ARITH(le); break;
        case OP_EQ:
        case OP_NE: {
            const value *b = RKB();
            bool eq = vops(b)->equal(b, RKC());
            *RA() = v_int(INSTR_OP(in) == OP_EQ ? eq : !eq);
            break;
        }
        case OP_NEG: {
            const value *b = RKB();
            if (!vops(b)->neg(vm, RA(), b))
                goto error;
            break;
        }
        case OP_NOT: {
            const value *b = RKB();
            *RA() = v_int(!vops(b)->truthy(b));
            break;
        }
        case OP_BNOT: {
            const value *b = RKB();
            if (b->type != T_INT) {
                vm_error(vm, "cannot apply ~ to %s", type_name(b));
                goto error;
            }
            *RA() = v_int(~b->as.i);
            break;
        }
        case OP_JMP:
            ip += INSTR_SBX(in);
            break;
        case OP_JMPF: {
            const value *a = RA();
            if (!vops(a)->truthy(a))
                ip += INSTR_SBX(in);
            break;
        }
        case OP_JMPT: {
            const value *a = RA();
            if (vops(a)->truthy(a))
                ip += INSTR_SBX(in);
            break;
        }
        case OP_TESTLT: TEST(lt); break;
        case OP_TESTLE: TEST(le); break;
        case OP_TESTEQ: {
            const value *b = RKB();
            if (vops(b)->equal(b, RKC()) == INSTR_A(in))
                ip += INSTR_SBX(*ip);
            ip++;
            break;
        }
        case OP_CALL: {
            value *callee = RA();
            int argc = INSTR_B(in);
            if (callee->type == T_FUNC) {
                struct func *fn = AS_FUNC(*callee);
                if (argc != fn->arity) {
                    vm_error(vm, "%s() takes %d arguments, got %d", fn->name->chars,
                             fn->arity, argc);
                    goto error;
                }
                if (vm->nframes == FRAMES_MAX ||
                    callee + 1 + fn->nslots > vm->stack + STACK_MAX) {
                    vm_error(vm, "stack overflow");
                    goto error;
                }
                SAVE_IP();
                frame = &vm->frames[vm->nframes++];
                frame->fn = fn;
                frame->base = base = callee + 1;
                frame->ip = ip = fn->chunk.code;
                k = fn->chunk.consts;
            } else if (callee->type == T_NATIVE) {
                const struct native *n = AS_NATIVE(*callee);
                if (n->arity >= 0 && argc != n->arity) {
                    vm_error(vm, "%s() takes %d arguments, got %d", n->name, n->arity,
                             argc);
                    goto error;
                }
                SAVE_IP();
                if (!n->fn(vm, argc, callee + 1, callee))
                    goto error;
            } else {
                vm_error(vm, "cannot call a value of type %s", type_name(callee));
                goto error;
            }
            break;
        }
        case OP_RETURN: {
            base[-1] = INSTR_B(in) ? *RA() : v_nil(); /* replaces the callee */
            if (--vm->nframes == 0)
                return 0;
            frame = &vm->frames[vm->nframes - 1];
            ip = frame->ip;
            base = frame->base;
            k = frame->fn->chunk.consts;
            break;
        }
        case OP_NEWARRAY: {
            int n = INSTR_C(in);
            struct array *a = array_new(vm, (uint32_t)n);
            const value *src = RB();
            for (int i = 0; i < n; i++)
                a->items[i] = src[i];
            a->len = (uint32_t)n;
            *RA() = v_obj(&a->h);
            break;
        }
        case OP_NEWMAP: {
            int n = INSTR_C(in);
            struct map *m = map_new(vm);
            const value *src = RB();
            for (int i = 0; i < n; i++) {
                if (src[2 * i].type == T_NIL) {
                    vm_error(vm, "map key cannot be nil");
                    goto error;
                }
                table_set(&m->t, &src[2 * i], &src[2 * i + 1]);
            }
            *RA() = v_obj(&m->h);
            break;
        }
        case OP_GETINDEX: {
            const value *obj = RKB();
            if (!vops(obj)->get(vm, RA(), obj, RKC()))
                goto error;
            break;
        }
        case OP_SETINDEX: {
            const value *obj = RA();
            if (!vops(obj)->set(vm, obj, RKB(), RKC()))
                goto error;
            break;
        }
        default:
            vm_error(vm, "bad opcode %d", INSTR_OP(in));
            goto error;
        }
    }

error:
    SAVE_IP();
    report_error(vm);
    vm->nframes = 0;
    return 1;
}
