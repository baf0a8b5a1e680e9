/* The operations lib_work calls through a table, in a file of their own. */
long op_add(long a, long b) { return a + b; }
long op_xor(long a, long b) { return a ^ b; }
