// A C++ file beside the C ones, for a project with two compilers.
extern "C" int extra_value(void);

extern "C" int extra_value(void)
{
  return 1;
}
