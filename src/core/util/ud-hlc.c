/* ud-hlc.c — hybrid logical clock with a sortable text form
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-hlc"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-hlc.h"

/* A hybrid logical clock (Kulkarni et al., 2014) stamps each change with
 * (wall, counter, node): the wall part follows real time as long as the
 * clocks agree; the counter orders events within one millisecond and
 * after the clock went backwards; the node breaks the remaining ties. In
 * text form the fixed-width hex fields make strcmp() the clock order, so
 * SQLite and PostgreSQL can compare HLCs as plain strings. */

struct _UdHlcClock
{
  GMutex  mutex;
  char    node[UD_HLC_MAX_NODE_LENGTH + 1];
  gint64  wall_ms;
  guint   counter;
  gint64  max_drift_ms;
};

G_DEFINE_QUARK (ud-hlc-error-quark, ud_hlc_error)

static gboolean
read_hex (const char *p,
          guint       n,
          guint64    *value)
{
  guint64 v = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      char c = p[i];

      if (c >= '0' && c <= '9')
        v = (v << 4) | (guint64) (c - '0');
      else if (c >= 'a' && c <= 'f')
        v = (v << 4) | (guint64) (c - 'a' + 10);
      else
        return FALSE;
    }

  *value = v;
  return TRUE;
}

static char *
format_locked (UdHlcClock *clock)
{
  static const char hex[] = "0123456789abcdef";
  gsize node_len = strlen (clock->node);
  char *text;
  char *p;

  if (clock->wall_ms < 0 || clock->wall_ms > UD_HLC_MAX_WALL_MS || clock->counter > 0xffff)
    return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%s",
                            clock->wall_ms, clock->counter, clock->node);

  /* Once a record written: g_strdup_printf() cost more than the rest of
   * the clock.  The same text, "%012x-%04x-%s". */
  text = g_malloc (12 + 1 + 4 + 1 + node_len + 1);
  p = text;
  for (int shift = 44; shift >= 0; shift -= 4)
    *p++ = hex[(clock->wall_ms >> shift) & 0xf];
  *p++ = '-';
  for (int shift = 12; shift >= 0; shift -= 4)
    *p++ = hex[(clock->counter >> shift) & 0xf];
  *p++ = '-';
  memcpy (p, clock->node, node_len + 1);
  return text;
}

/* Moves the clock one step past max(its last value, @now_ms). */
static void
advance_locked (UdHlcClock *clock,
                gint64      now_ms)
{
  now_ms = CLAMP (now_ms, 0, UD_HLC_MAX_WALL_MS);

  if (now_ms > clock->wall_ms)
    {
      clock->wall_ms = now_ms;
      clock->counter = 0;
    }
  else if (clock->counter < UD_HLC_MAX_COUNTER)
    {
      clock->counter++;
    }
  else if (clock->wall_ms < UD_HLC_MAX_WALL_MS)
    {
      /* 65,536 events in one millisecond: borrow the next millisecond
       * rather than widen the counter and break the text order. */
      clock->wall_ms++;
      clock->counter = 0;
    }
  else
    {
      g_critical ("Hybrid logical clock of node %s reached its end (year 10889)",
                  clock->node);
    }
}

/**
 * ud_hlc_node_is_valid:
 * @node: (nullable): a node id
 *
 * Returns: %TRUE if @node is 1 to 16 characters from [0-9a-z]
 */
gboolean
ud_hlc_node_is_valid (const char *node)
{
  gsize len;
  gsize i;

  if (node == NULL)
    return FALSE;

  len = strlen (node);
  if (len < 1 || len > UD_HLC_MAX_NODE_LENGTH)
    return FALSE;

  for (i = 0; i < len; i++)
    if (!g_ascii_isdigit (node[i]) && !(node[i] >= 'a' && node[i] <= 'z'))
      return FALSE;

  return TRUE;
}

/**
 * ud_hlc_format:
 * @wall_ms: Unix milliseconds, 0 to %UD_HLC_MAX_WALL_MS
 * @counter: 0 to %UD_HLC_MAX_COUNTER
 * @node: a valid node id
 *
 * Returns: (transfer full): the HLC text, e.g. "0193f7a2c1b3-0000-a1b2c3d4"
 */
char *
ud_hlc_format (gint64      wall_ms,
               guint       counter,
               const char *node)
{
  g_return_val_if_fail (wall_ms >= 0 && wall_ms <= UD_HLC_MAX_WALL_MS, NULL);
  g_return_val_if_fail (counter <= UD_HLC_MAX_COUNTER, NULL);
  g_return_val_if_fail (ud_hlc_node_is_valid (node), NULL);

  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%s",
                          wall_ms, counter, node);
}

/**
 * ud_hlc_parse:
 * @text: (nullable): HLC text
 * @wall_ms: (out) (optional): the Unix milliseconds
 * @counter: (out) (optional): the counter
 * @node: (out) (optional) (transfer full): the node id
 *
 * Only the exact form ud_hlc_format() writes is accepted (lower-case hex),
 * since anything else would not sort correctly.
 *
 * Returns: %TRUE if @text is an HLC; the out values are set only then
 */
gboolean
ud_hlc_parse (const char  *text,
              gint64      *wall_ms,
              guint       *counter,
              char       **node)
{
  guint64 wall;
  guint64 count;

  if (text == NULL || strlen (text) < 19)
    return FALSE;

  if (!read_hex (text, 12, &wall) || text[12] != '-' ||
      !read_hex (text + 13, 4, &count) || text[17] != '-' ||
      !ud_hlc_node_is_valid (text + 18))
    return FALSE;

  if (wall_ms != NULL)
    *wall_ms = (gint64) wall;
  if (counter != NULL)
    *counter = (guint) count;
  if (node != NULL)
    *node = g_strdup (text + 18);

  return TRUE;
}

/**
 * ud_hlc_clock_new:
 * @node: this installation's node id, 1 to 16 characters [0-9a-z]
 * @last_hlc: (nullable): the greatest HLC this node has stored, so that
 *   the clock resumes after it even if the wall clock has gone back
 *
 * Returns: (transfer full): a new clock
 */
UdHlcClock *
ud_hlc_clock_new (const char *node,
                  const char *last_hlc)
{
  UdHlcClock *clock;
  gint64 wall_ms = 0;
  guint counter = 0;
  gboolean last_ok;

  g_return_val_if_fail (ud_hlc_node_is_valid (node), NULL);

  /* parsed outside the check, which G_DISABLE_CHECKS would compile out */
  last_ok = last_hlc == NULL || ud_hlc_parse (last_hlc, &wall_ms, &counter, NULL);
  g_return_val_if_fail (last_ok, NULL);

  clock = g_new0 (UdHlcClock, 1);
  g_mutex_init (&clock->mutex);
  g_strlcpy (clock->node, node, sizeof clock->node);
  clock->wall_ms = wall_ms;
  clock->counter = counter;

  return clock;
}

/**
 * ud_hlc_clock_free:
 * @clock: (nullable): a clock
 */
void
ud_hlc_clock_free (UdHlcClock *clock)
{
  if (clock == NULL)
    return;

  g_mutex_clear (&clock->mutex);
  g_free (clock);
}

/**
 * ud_hlc_clock_set_max_drift:
 * @clock: a clock
 * @max_drift_ms: how far ahead of the local wall clock a received HLC may
 *   be; 0 (the default) for no limit
 *
 * With a limit, ud_hlc_clock_observe() refuses a remote HLC from a machine
 * whose clock is far ahead instead of dragging every later local stamp
 * into its future.
 */
void
ud_hlc_clock_set_max_drift (UdHlcClock *clock,
                            gint64      max_drift_ms)
{
  g_return_if_fail (clock != NULL);
  g_return_if_fail (max_drift_ms >= 0);

  g_mutex_lock (&clock->mutex);
  clock->max_drift_ms = max_drift_ms;
  g_mutex_unlock (&clock->mutex);
}

/**
 * ud_hlc_clock_tick_at:
 * @clock: a clock
 * @now_ms: the wall clock in Unix milliseconds
 *
 * Stamps a local event as if the wall clock read @now_ms. Tests use this;
 * the program uses ud_hlc_clock_tick().
 *
 * Returns: (transfer full): an HLC greater than every HLC this clock has
 *   returned or observed
 */
char *
ud_hlc_clock_tick_at (UdHlcClock *clock,
                      gint64      now_ms)
{
  char *text;

  g_return_val_if_fail (clock != NULL, NULL);

  g_mutex_lock (&clock->mutex);
  advance_locked (clock, now_ms);
  text = format_locked (clock);
  g_mutex_unlock (&clock->mutex);

  return text;
}

/**
 * ud_hlc_clock_tick:
 * @clock: a clock
 *
 * Stamps a local event (a write to a synced record).
 *
 * Returns: (transfer full): an HLC greater than every HLC this clock has
 *   returned or observed
 */
char *
ud_hlc_clock_tick (UdHlcClock *clock)
{
  g_return_val_if_fail (clock != NULL, NULL);

  return ud_hlc_clock_tick_at (clock, g_get_real_time () / 1000);
}

/**
 * ud_hlc_clock_observe_at:
 * @clock: a clock
 * @remote: an HLC received from elsewhere
 * @now_ms: the local wall clock in Unix milliseconds
 * @error: return location for a #UD_HLC_ERROR
 *
 * Merges a received HLC, as if the wall clock read @now_ms, so that every
 * later local stamp sorts after it.
 *
 * Returns: %TRUE if @remote was merged
 */
gboolean
ud_hlc_clock_observe_at (UdHlcClock  *clock,
                         const char  *remote,
                         gint64       now_ms,
                         GError     **error)
{
  gint64 remote_wall;
  guint remote_counter;

  g_return_val_if_fail (clock != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ud_hlc_parse (remote, &remote_wall, &remote_counter, NULL))
    {
      g_set_error (error, UD_HLC_ERROR, UD_HLC_ERROR_INVALID,
                   _("The change carries an invalid time stamp “%s”"),
                   remote != NULL ? remote : "");
      return FALSE;
    }

  g_mutex_lock (&clock->mutex);

  if (clock->max_drift_ms > 0 && remote_wall - now_ms > clock->max_drift_ms)
    {
      gint64 minutes = (remote_wall - now_ms) / 60000;

      g_mutex_unlock (&clock->mutex);
      g_set_error (error, UD_HLC_ERROR, UD_HLC_ERROR_DRIFT,
                   /* Translators: %lld is a number of minutes */
                   _("The change comes from a computer whose clock is %lld minutes ahead of this one; check the date and time settings of both"),
                   (long long) minutes);
      return FALSE;
    }

  if (remote_wall > clock->wall_ms ||
      (remote_wall == clock->wall_ms && remote_counter > clock->counter))
    {
      clock->wall_ms = remote_wall;
      clock->counter = remote_counter;
    }

  g_mutex_unlock (&clock->mutex);

  return TRUE;
}

/**
 * ud_hlc_clock_observe:
 * @clock: a clock
 * @remote: an HLC received from elsewhere
 * @error: return location for a #UD_HLC_ERROR
 *
 * Merges a received HLC so that every later local stamp sorts after it.
 *
 * Returns: %TRUE if @remote was merged
 */
gboolean
ud_hlc_clock_observe (UdHlcClock  *clock,
                      const char  *remote,
                      GError     **error)
{
  g_return_val_if_fail (clock != NULL, FALSE);

  return ud_hlc_clock_observe_at (clock, remote, g_get_real_time () / 1000, error);
}

/**
 * ud_hlc_clock_peek:
 * @clock: a clock
 *
 * The clock's position with this node's id, for storing: a clock created
 * with it as @last_hlc continues after everything this one returned or
 * observed.
 *
 * Returns: (transfer full): the clock's current position
 */
char *
ud_hlc_clock_peek (UdHlcClock *clock)
{
  char *text;

  g_return_val_if_fail (clock != NULL, NULL);

  g_mutex_lock (&clock->mutex);
  text = format_locked (clock);
  g_mutex_unlock (&clock->mutex);

  return text;
}
