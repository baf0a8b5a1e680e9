int plain_value(void);

int plain_value(void)
{
  return 42;
}
