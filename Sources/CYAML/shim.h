#ifndef OKTAGEN_CYAML_SHIM_H
#define OKTAGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
