#include <btparse.h>
