/*
 * element.c - the element status list every backend returns (changer.h).
 */
#include "changer/changer.h"

#include <stdlib.h>

void element_status_free(element_status_t *s)
{
    if (s == NULL)
        return;
    free(s->v);
    s->v = NULL;
    s->n = 0;
    s->truncated = false;
}

element_t *element_find(const element_status_t *s, uint16_t address)
{
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].address == address)
            return &s->v[i];
    return NULL;
}
