// Without libosip2 nothing needs initialising.
#include "fields.hpp"

void peers_init() {}
