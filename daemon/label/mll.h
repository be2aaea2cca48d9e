/*
 * mll.h - label libraries: the ntmsmli.h plug-ins an administrator
 * installs for label formats the built-in recognizers do not know
 * (concepts/installing-a-media-label-library.md, in its Linux form).
 *
 * Installing one is dropping a file in the label directory (label_dir of
 * rsmd.conf, /etc/rsm/label.d by default): NAME.conf with
 *
 *     name = STL                       ; defaults to NAME
 *     description = StorageTek backup labels
 *     path = /usr/lib/stl/libstlmll.so ; absolute
 *
 * Files are read in name order; only files ending in ".conf" count. As
 * only administrators may install a label library, a file (and the
 * plug-in it names) that is not owned by root or by rsmd's user, or that
 * others may write, is refused with one log line.
 *
 * Each plug-in runs in its own rsm-label-helper process (mll_wire.h), not
 * in rsmd: a plug-in that crashes or hangs costs the label it was shown,
 * never the service. At load the helper must say HELLO within the time
 * limit, or MLL_HELLO_TIMEOUT_MS when that is longer (the plug-in loaded, both entry points found, MaxMediaLabel
 * answered); a plug-in that fails that is not used (one log line). A
 * helper that dies or does not answer a label within the time limit is
 * killed and started again, and that label counts as not claimed (one log
 * line); after MLL_MAX_FAILURES failures in a row the plug-in is disabled
 * until rsmd restarts.
 *
 * Threads: everything here may run on any thread; one mutex serializes
 * the plug-ins (labels are read one drive at a time anyway).
 */
#ifndef RSM_LABEL_MLL_H
#define RSM_LABEL_MLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rsm/ntmsapi.h>

#include "label/label.h"

#define MLL_DEFAULT_DIR "/etc/rsm/label.d"
#define MLL_DEFAULT_TIMEOUT_MS 5000u
#define MLL_HELLO_TIMEOUT_MS 10000u /* at least this long to load (HELLO) */
#define MLL_MAX_FAILURES 5u
#define MLL_MAX_LIBRARIES 32u

/* Load every label library configured in `dir` (a missing directory is
 * no error: no plug-ins), each in a helper started from `helper` (the
 * rsm-label-helper executable). Replaces what was loaded before. Returns
 * how many are ready; each one refused is one log line. */
size_t label_libraries_load(const char *dir, const char *helper, unsigned timeout_ms);

/* Stop every helper (rsmd's shutdown). */
void label_libraries_unload(void);

/* How many label libraries are ready. */
size_t label_libraries_count(void);

/* Show the label to each ready plug-in in order (at most its
 * MaxMediaLabel bytes); the first that claims it fills *out (format
 * "plugin", its type, ID and description) and true is returned. Blocks
 * for at most the time limit per plug-in. */
bool label_libraries_claim(const uint8_t *buf, size_t len, label_info_t *out);

/* The helper executable rsmd uses when rsmd.conf names none: beside rsmd
 * itself (the build tree), else RSM_LIBEXECDIR. Written into buf. */
const char *label_helper_default(char *buf, size_t len);

#endif
