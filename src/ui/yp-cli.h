/* yp-cli.h: the command-line modes, which open no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Validates @path and prints each problem on stderr. Returns the exit
 * status: 0 when it loads without errors, 1 when items had to be skipped,
 * 2 when it cannot be read as a timeline at all. */
int yp_cli_check (const char *path);

/* Prints the events of @path as a table on stdout. */
int yp_cli_list  (const char *path);

G_END_DECLS
