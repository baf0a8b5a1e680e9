#ifndef TCALC_H
#define TCALC_H

/* Evaluate an integer expression (+ - * / %, parentheses). Sets *ok to 0 on
 * a syntax error. */
long tc_eval(const char *s, int *ok);

/* Parse a decimal number at *s and advance *s past it. */
long tc_number(const char **s);

#endif
