/*
 * vm.c - the bytecode interpreter loop.
 *
 * A classic switch-dispatched stack machine.  The loop itself only knows
 * about control flow, calls and the value stack; every operation on
 * values goes through the value_ops table (value.c), globals live in a
 * string-keyed hash table (table.c) and natives in builtins.c.
 */
#include "interp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vm_init(struct vm *vm)
{
    vm->sp = vm->stack;
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

static void report_error(struct vm *vm, struct frame *frame, const uint8_t *ip)
{
    fprintf(stderr, "runtime error: %s\n", vm->errmsg);
    frame->ip = (uint8_t *)ip;
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

#define READ_U8() (*ip++)
#define READ_U16() (ip += 2, (uint16_t)(ip[-2] | (ip[-1] << 8)))
#define READ_S16() (ip += 2, (int16_t)(ip[-2] | (ip[-1] << 8)))

/* Binary operator through the left operand's ops table. */
#define BINARY(field)                                                   \
    do {                                                                \
        value b_ = sp[-1];                                              \
        value a_ = sp[-2];                                              \
        if (!vops(a_)->field(vm, &sp[-2], a_, b_))                      \
            goto error;                                                 \
        sp--;                                                           \
    } while (0)

/* a > b is evaluated as b < a (operands already evaluated in order). */
#define SWAPPED(field)                                                  \
    do {                                                                \
        value b_ = sp[-1];                                              \
        value a_ = sp[-2];                                              \
        if (!vops(b_)->field(vm, &sp[-2], b_, a_))                      \
            goto error;                                                 \
        sp--;                                                           \
    } while (0)

int vm_run(struct vm *vm, struct func *script)
{
    value *sp = vm->sp;
    *sp++ = v_obj(&script->h);
    struct frame *frame = &vm->frames[vm->nframes++];
    frame->fn = script;
    frame->ip = script->chunk.code;
    frame->slots = sp;
    for (int i = 0; i < script->nslots; i++)
        *sp++ = v_nil();

    uint8_t *ip = frame->ip;
    value *slots = frame->slots;
    const value *consts = script->chunk.consts;

    for (;;) {
        uint8_t op = READ_U8();
        switch (op) {
        case OP_CONST:
            *sp++ = consts[READ_U16()];
            break;
        case OP_NIL:
            *sp++ = v_nil();
            break;
        case OP_POP:
            sp--;
            break;
        case OP_DUP2:
            sp[0] = sp[-2];
            sp[1] = sp[-1];
            sp += 2;
            break;
        case OP_GET_LOCAL:
            *sp++ = slots[READ_U8()];
            break;
        case OP_SET_LOCAL:
            slots[READ_U8()] = *--sp;
            break;
        case OP_GET_GLOBAL: {
            const struct str *name = AS_STR(consts[READ_U16()]);
            if (!table_get_str(&vm->globals, name, sp)) {
                vm_error(vm, "undefined variable '%s'", name->chars);
                goto error;
            }
            sp++;
            break;
        }
        case OP_SET_GLOBAL: {
            struct str *name = AS_STR(consts[READ_U16()]);
            if (table_set_str(&vm->globals, name, sp[-1])) {
                table_delete(&vm->globals, v_obj(&name->h));
                vm_error(vm, "assignment to undeclared variable '%s'", name->chars);
                goto error;
            }
            sp--;
            break;
        }
        case OP_DEF_GLOBAL: {
            struct str *name = AS_STR(consts[READ_U16()]);
            table_set_str(&vm->globals, name, *--sp);
            break;
        }
        case OP_ADD: BINARY(add); break;
        case OP_SUB: BINARY(sub); break;
        case OP_MUL: BINARY(mul); break;
        case OP_DIV: BINARY(div); break;
        case OP_MOD: BINARY(mod); break;
        case OP_BAND: BINARY(band); break;
        case OP_BOR: BINARY(bor); break;
        case OP_BXOR: BINARY(bxor); break;
        case OP_SHL: BINARY(shl); break;
        case OP_SHR: BINARY(shr); break;
        case OP_LT: BINARY(lt); break;
        case OP_LE: BINARY(le); break;
        case OP_GT: SWAPPED(lt); break;
        case OP_GE: SWAPPED(le); break;
        case OP_EQ:
        case OP_NE: {
            value b = sp[-1];
            value a = sp[-2];
            bool eq = vops(a)->equal(a, b);
            sp[-2] = v_int(op == OP_EQ ? eq : !eq);
            sp--;
            break;
        }
        case OP_NEG: {
            value a = sp[-1];
            if (!vops(a)->neg(vm, &sp[-1], a))
                goto error;
            break;
        }
        case OP_NOT: {
            value a = sp[-1];
            sp[-1] = v_int(!vops(a)->truthy(a));
            break;
        }
        case OP_BNOT: {
            value a = sp[-1];
            if (a.type != T_INT) {
                vm_error(vm, "cannot apply ~ to %s", type_name(a));
                goto error;
            }
            sp[-1] = v_int(~a.as.i);
            break;
        }
        case OP_JUMP: {
            int16_t off = READ_S16();
            ip += off;
            break;
        }
        case OP_JUMP_IF_FALSE: {
            int16_t off = READ_S16();
            value c = *--sp;
            if (!vops(c)->truthy(c))
                ip += off;
            break;
        }
        case OP_AND: {
            int16_t off = READ_S16();
            if (!vops(sp[-1])->truthy(sp[-1]))
                ip += off;
            else
                sp--;
            break;
        }
        case OP_OR: {
            int16_t off = READ_S16();
            if (vops(sp[-1])->truthy(sp[-1]))
                ip += off;
            else
                sp--;
            break;
        }
        case OP_CALL: {
            int argc = READ_U8();
            value callee = sp[-1 - argc];
            if (callee.type == T_FUNC) {
                struct func *fn = AS_FUNC(callee);
                if (argc != fn->arity) {
                    vm_error(vm, "%s() takes %d arguments, got %d", fn->name->chars,
                             fn->arity, argc);
                    goto error;
                }
                if (vm->nframes == FRAMES_MAX ||
                    sp + fn->nslots + 64 > vm->stack + STACK_MAX) {
                    vm_error(vm, "stack overflow");
                    goto error;
                }
                frame->ip = ip;
                frame = &vm->frames[vm->nframes++];
                frame->fn = fn;
                frame->slots = slots = sp - argc;
                for (int i = argc; i < fn->nslots; i++)
                    *sp++ = v_nil();
                ip = fn->chunk.code;
                consts = fn->chunk.consts;
            } else if (callee.type == T_NATIVE) {
                const struct native *n = AS_NATIVE(callee);
                if (n->arity >= 0 && argc != n->arity) {
                    vm_error(vm, "%s() takes %d arguments, got %d", n->name, n->arity,
                             argc);
                    goto error;
                }
                value result;
                vm->sp = sp;
                if (!n->fn(vm, argc, sp - argc, &result))
                    goto error;
                sp -= argc;
                sp[-1] = result;
            } else {
                vm_error(vm, "cannot call a value of type %s", type_name(callee));
                goto error;
            }
            break;
        }
        case OP_RETURN: {
            value result = sp[-1];
            sp = frame->slots;
            sp[-1] = result; /* replaces the callee */
            vm->nframes--;
            if (vm->nframes == 0) {
                vm->sp = sp - 1;
                return 0;
            }
            frame = &vm->frames[vm->nframes - 1];
            ip = frame->ip;
            slots = frame->slots;
            consts = frame->fn->chunk.consts;
            break;
        }
        case OP_ARRAY: {
            int n = READ_U16();
            struct array *a = array_new(vm, (uint32_t)n);
            sp -= n;
            for (int i = 0; i < n; i++)
                a->items[i] = sp[i];
            a->len = (uint32_t)n;
            *sp++ = v_obj(&a->h);
            break;
        }
        case OP_MAP: {
            int n = READ_U16();
            struct map *m = map_new(vm);
            sp -= 2 * n;
            for (int i = 0; i < n; i++) {
                if (sp[2 * i].type == T_NIL) {
                    vm_error(vm, "map key cannot be nil");
                    goto error;
                }
                table_set(&m->t, sp[2 * i], sp[2 * i + 1]);
            }
            *sp++ = v_obj(&m->h);
            break;
        }
        case OP_INDEX_GET: {
            value key = sp[-1];
            value obj = sp[-2];
            if (!vops(obj)->get(vm, &sp[-2], obj, key))
                goto error;
            sp--;
            break;
        }
        case OP_INDEX_SET: {
            value v = sp[-1];
            value key = sp[-2];
            value obj = sp[-3];
            if (!vops(obj)->set(vm, obj, key, v))
                goto error;
            sp -= 3;
            break;
        }
        default:
            vm_error(vm, "bad opcode %d", op);
            goto error;
        }
    }

error:
    report_error(vm, frame, ip);
    vm->nframes = 0;
    vm->sp = vm->stack;
    return 1;
}
