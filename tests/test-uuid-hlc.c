/* test-uuid-hlc.c — UUIDv7 identifiers and the hybrid logical clock
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-uuid-hlc"

#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ud-hlc.h"
#include "ud-uuid.h"

#define N_THREADS 4
#define PER_THREAD 5000

static void
test_uuid_layout (void)
{
  gint64 before = g_get_real_time () / 1000;
  char uuid[37];
  gint64 after;
  gint64 ms;
  guint i;

  ud_uuid_v7_generate (uuid);
  after = g_get_real_time () / 1000;

  g_assert_cmpuint (strlen (uuid), ==, 36);
  for (i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        g_assert_cmpint (uuid[i], ==, '-');
      else
        g_assert_nonnull (strchr ("0123456789abcdef", uuid[i]));
    }

  /* version nibble 7, variant bits 10xx */
  g_assert_cmpint (uuid[14], ==, '7');
  g_assert_nonnull (strchr ("89ab", uuid[19]));

  g_assert_true (ud_uuid_is_valid (uuid));
  ms = ud_uuid_v7_get_time_ms (uuid);
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after);
}

static void
test_uuid_monotonic (void)
{
  char previous[37];
  char current[37];
  g_autofree char *allocated = NULL;
  guint i;

  ud_uuid_v7_generate (previous);
  for (i = 0; i < 10000; i++)
    {
      ud_uuid_v7_generate (current);
      g_assert_cmpint (strcmp (previous, current), <, 0);
      g_assert_cmpint (current[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", current[19]));
      memcpy (previous, current, sizeof previous);
    }

  allocated = ud_uuid_v7_new ();
  g_assert_cmpint (strcmp (previous, allocated), <, 0);
}

static gpointer
generate_uuids (gpointer data)
{
  char **out = data;
  guint i;

  for (i = 0; i < PER_THREAD; i++)
    out[i] = ud_uuid_v7_new ();

  return NULL;
}

/* The random bytes are drawn a block at a time: a forked child must not
 * use the parent's block, or both would make the same UUIDs. */
static void
test_uuid_fork (void)
{
  char parent[37], child[37] = "";
  int fds[2];
  int status;
  pid_t pid;

  ud_uuid_v7_generate (parent);   /* the block is drawn */
  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char made[37];

      ud_uuid_v7_generate (made);
      _exit (write (fds[1], made, sizeof made) == sizeof made ? 0 : 1);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], child, sizeof child), ==, sizeof child);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  ud_uuid_v7_generate (parent);
  g_assert_true (ud_uuid_is_valid (child));
  g_assert_cmpstr (child, !=, parent);
  /* The random tails differ too, not only the counters. */
  g_assert_cmpstr (child + 24, !=, parent + 24);
}

static void
test_uuid_threads (void)
{
  char *uuids[N_THREADS][PER_THREAD];
  GThread *threads[N_THREADS];
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint t;
  guint i;

  for (t = 0; t < N_THREADS; t++)
    threads[t] = g_thread_new ("uuid", generate_uuids, uuids[t]);
  for (t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  for (t = 0; t < N_THREADS; t++)
    for (i = 0; i < PER_THREAD; i++)
      {
        if (i > 0)
          g_assert_cmpint (strcmp (uuids[t][i - 1], uuids[t][i]), <, 0);
        g_assert_true (g_hash_table_add (seen, uuids[t][i]));
      }

  g_assert_cmpuint (g_hash_table_size (seen), ==, N_THREADS * PER_THREAD);
}

static void
test_uuid_is_valid (void)
{
  g_assert_true (ud_uuid_is_valid ("0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0d"));
  g_assert_true (ud_uuid_is_valid ("0193F7A2-C1B3-7A4E-9C2D-5E6F7A8B9C0D"));
  g_assert_true (ud_uuid_is_valid ("f47ac10b-58cc-4372-a567-0e02b2c3d479"));
  g_assert_false (ud_uuid_is_valid (NULL));
  g_assert_false (ud_uuid_is_valid (""));
  g_assert_false (ud_uuid_is_valid ("0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0"));
  g_assert_false (ud_uuid_is_valid ("0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0dd"));
  g_assert_false (ud_uuid_is_valid ("0193f7a2c1b3-7a4e-9c2d-5e6f7a8b9c0dd"));
  g_assert_false (ud_uuid_is_valid ("0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0g"));

  g_assert_cmpint (ud_uuid_v7_get_time_ms ("0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0d"), ==,
                   G_GINT64_CONSTANT (0x0193f7a2c1b3));
  /* a version 4 UUID carries no time */
  g_assert_cmpint (ud_uuid_v7_get_time_ms ("f47ac10b-58cc-4372-a567-0e02b2c3d479"), ==, -1);
  /* the wrong variant */
  g_assert_cmpint (ud_uuid_v7_get_time_ms ("0193f7a2-c1b3-7a4e-cc2d-5e6f7a8b9c0d"), ==, -1);
}

static void
assert_hlc (const char *text,
            gint64      wall_ms,
            guint       counter,
            const char *node)
{
  gint64 parsed_wall = -1;
  guint parsed_counter = G_MAXUINT;
  g_autofree char *parsed_node = NULL;

  g_assert_true (ud_hlc_parse (text, &parsed_wall, &parsed_counter, &parsed_node));
  g_assert_cmpint (parsed_wall, ==, wall_ms);
  g_assert_cmpuint (parsed_counter, ==, counter);
  g_assert_cmpstr (parsed_node, ==, node);
}

/* The clock writes its stamps itself: the same text as ud_hlc_format(). */
static void
test_hlc_tick_text (void)
{
  static const gint64 walls[] = { 0, 1, G_GINT64_CONSTANT (0x0193f7a2c1b3), UD_HLC_MAX_WALL_MS - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      UdHlcClock *clock = ud_hlc_clock_new ("a1b2c3d4", NULL);

      for (guint t = 0; t < 3; t++)
        {
          g_autofree char *tick = ud_hlc_clock_tick_at (clock, walls[i]);
          g_autofree char *node = NULL;
          g_autofree char *again = NULL;
          gint64 wall_ms;
          guint counter;

          g_assert_true (ud_hlc_parse (tick, &wall_ms, &counter, &node));
          again = ud_hlc_format (wall_ms, counter, node);
          g_assert_cmpstr (tick, ==, again);
        }
      ud_hlc_clock_free (clock);
    }
}

static void
test_hlc_text (void)
{
  g_autofree char *text = ud_hlc_format (G_GINT64_CONSTANT (0x0193f7a2c1b3), 0, "a1b2c3d4");
  g_autofree char *zero = ud_hlc_format (0, 0xffff, "z");

  g_assert_cmpstr (text, ==, "0193f7a2c1b3-0000-a1b2c3d4");
  assert_hlc (text, G_GINT64_CONSTANT (0x0193f7a2c1b3), 0, "a1b2c3d4");
  g_assert_cmpstr (zero, ==, "000000000000-ffff-z");
  assert_hlc ("ffffffffffff-0001-0123456789abcdef", UD_HLC_MAX_WALL_MS, 1, "0123456789abcdef");
  g_assert_true (ud_hlc_parse (text, NULL, NULL, NULL));

  g_assert_false (ud_hlc_parse (NULL, NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193F7A2C1B3-0000-a1b2c3d4", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3-0000-A1B2", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3-0000-", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3-000-a1b2", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("193f7a2c1b3-0000-a1b2", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3_0000-a1b2", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3-0000-0123456789abcdefg", NULL, NULL, NULL));
  g_assert_false (ud_hlc_parse ("0193f7a2c1b3-0000-a1-b2", NULL, NULL, NULL));

  g_assert_true (ud_hlc_node_is_valid ("0123456789abcdef"));
  g_assert_false (ud_hlc_node_is_valid ("0123456789abcdef0"));
  g_assert_false (ud_hlc_node_is_valid (""));
  g_assert_false (ud_hlc_node_is_valid ("Miyun"));
}

static void
test_hlc_backwards (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("miyun", NULL);
  /* the wall clock stalls, goes back by half a second, then recovers */
  static const gint64 wall[] = { 1000, 1000, 999, 500, 500, 1001, 2000, 1500 };
  static const struct { gint64 wall_ms; guint counter; } expected[] = {
    { 1000, 0 }, { 1000, 1 }, { 1000, 2 }, { 1000, 3 }, { 1000, 4 },
    { 1001, 0 }, { 2000, 0 }, { 2000, 1 },
  };
  g_autofree char *previous = NULL;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (wall); i++)
    {
      g_autofree char *text = ud_hlc_clock_tick_at (clock, wall[i]);

      assert_hlc (text, expected[i].wall_ms, expected[i].counter, "miyun");
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, text), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&text);
    }
}

static void
test_hlc_counter_overflow (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", NULL);
  g_autofree char *previous = NULL;
  g_autofree char *last = NULL;
  guint i;

  /* more events in one millisecond than the counter holds */
  for (i = 0; i <= UD_HLC_MAX_COUNTER + 1; i++)
    {
      g_autofree char *text = ud_hlc_clock_tick_at (clock, 7000);

      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, text), <, 0);
      g_free (previous);
      previous = g_steal_pointer (&text);
    }

  assert_hlc (previous, 7001, 0, "a");
  last = ud_hlc_clock_tick_at (clock, 7001);
  assert_hlc (last, 7001, 1, "a");
}

static void
test_hlc_observe_future (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("district", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ud_hlc_clock_tick_at (clock, 1000);
  g_autofree char *after = NULL;
  g_autofree char *later = NULL;
  g_autofree char *caught_up = NULL;
  const char *remote = "000000001388-0007-city";   /* 5000 ms, counter 7 */

  /* a change from a server whose clock is 4 s ahead */
  g_assert_true (ud_hlc_clock_observe_at (clock, remote, 1000, &error));
  g_assert_no_error (error);

  after = ud_hlc_clock_tick_at (clock, 1001);
  assert_hlc (after, 5000, 8, "district");
  g_assert_cmpint (strcmp (remote, after), <, 0);
  g_assert_cmpint (strcmp (first, after), <, 0);

  /* an older remote does not move the clock back */
  g_assert_true (ud_hlc_clock_observe_at (clock, "000000000001-0000-old", 1002, &error));
  g_assert_no_error (error);
  later = ud_hlc_clock_tick_at (clock, 1002);
  assert_hlc (later, 5000, 9, "district");

  /* once the local wall clock passes the remote's, it leads again */
  caught_up = ud_hlc_clock_tick_at (clock, 6000);
  assert_hlc (caught_up, 6000, 0, "district");
}

static void
test_hlc_observe_same_millisecond (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *local = ud_hlc_clock_tick_at (clock, 1000);
  g_autofree char *next = NULL;

  g_assert_true (ud_hlc_clock_observe_at (clock, "0000000003e8-0005-b", 1000, &error));
  g_assert_no_error (error);
  next = ud_hlc_clock_tick_at (clock, 1000);
  assert_hlc (next, 1000, 6, "a");
  g_assert_cmpint (strcmp ("0000000003e8-0005-b", next), <, 0);
}

static void
test_hlc_observe_errors (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ud_hlc_clock_tick_at (clock, 1000);
  g_autofree char *peeked = NULL;
  g_autofree char *accepted = NULL;

  g_assert_false (ud_hlc_clock_observe_at (clock, "yesterday", 1000, &error));
  g_assert_error (error, UD_HLC_ERROR, UD_HLC_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (ud_hlc_clock_observe_at (clock, NULL, 1000, &error));
  g_assert_error (error, UD_HLC_ERROR, UD_HLC_ERROR_INVALID);
  g_clear_error (&error);

  /* with a drift limit of one minute, a clock two hours ahead is refused */
  ud_hlc_clock_set_max_drift (clock, 60 * 1000);
  g_assert_false (ud_hlc_clock_observe_at (clock, "0000006de0e8-0000-b", 1000, &error));
  g_assert_error (error, UD_HLC_ERROR, UD_HLC_ERROR_DRIFT);
  g_assert_nonnull (strstr (error->message, "120 minutes"));
  g_clear_error (&error);

  peeked = ud_hlc_clock_peek (clock);
  g_assert_cmpstr (peeked, ==, before);

  /* 30 s ahead is within the limit */
  g_assert_true (ud_hlc_clock_observe_at (clock, "000000007918-0000-b", 1000, &error));
  g_assert_no_error (error);
  accepted = ud_hlc_clock_tick_at (clock, 1000);
  assert_hlc (accepted, 31000, 1, "a");
}

static void
test_hlc_resume (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", "0000000003e8-0009-a");
  g_autofree char *text = ud_hlc_clock_tick_at (clock, 10);
  g_autofree char *peeked = ud_hlc_clock_peek (clock);
  g_autoptr(UdHlcClock) resumed = ud_hlc_clock_new ("a", peeked);
  g_autofree char *again = ud_hlc_clock_tick_at (resumed, 10);

  /* the wall clock is behind what was stored: the counter continues */
  assert_hlc (text, 1000, 10, "a");
  g_assert_cmpstr (peeked, ==, text);
  assert_hlc (again, 1000, 11, "a");
}

static int
compare_hlc_fields (gconstpointer a,
                    gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  gint64 xw;
  gint64 yw;
  guint xc;
  guint yc;
  g_autofree char *xn = NULL;
  g_autofree char *yn = NULL;

  g_assert_true (ud_hlc_parse (x, &xw, &xc, &xn));
  g_assert_true (ud_hlc_parse (y, &yw, &yc, &yn));

  if (xw != yw)
    return xw < yw ? -1 : 1;
  if (xc != yc)
    return xc < yc ? -1 : 1;
  return strcmp (xn, yn);
}

static int
compare_strcmp (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
test_hlc_strcmp_order (void)
{
  g_autoptr(UdHlcClock) office = ud_hlc_clock_new ("office1", NULL);
  g_autoptr(UdHlcClock) server = ud_hlc_clock_new ("city", NULL);
  g_autoptr(GPtrArray) by_fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) by_strcmp = g_ptr_array_new ();
  gint64 office_wall = 1000;
  gint64 server_wall = 900;
  guint i;

  /* two nodes with skewed clocks exchanging changes */
  for (i = 0; i < 500; i++)
    {
      char *a;
      char *b;
      g_autoptr(GError) error = NULL;

      office_wall += g_test_rand_int_range (-3, 20);
      server_wall += g_test_rand_int_range (0, 25);
      a = ud_hlc_clock_tick_at (office, office_wall);
      b = ud_hlc_clock_tick_at (server, server_wall);
      g_ptr_array_add (by_fields, a);
      g_ptr_array_add (by_fields, b);

      if (i % 7 == 0)
        {
          g_assert_true (ud_hlc_clock_observe_at (server, a, server_wall, &error));
          g_assert_no_error (error);
        }
      if (i % 11 == 0)
        {
          g_assert_true (ud_hlc_clock_observe_at (office, b, office_wall, &error));
          g_assert_no_error (error);
        }
    }

  /* fixed cases: carrying into the next millisecond, node tie-break */
  g_ptr_array_add (by_fields, g_strdup ("0000000003e8-ffff-a"));
  g_ptr_array_add (by_fields, g_strdup ("0000000003e9-0000-a"));
  g_ptr_array_add (by_fields, g_strdup ("0000000003e9-0000-ab"));
  g_ptr_array_add (by_fields, g_strdup ("0000000003e9-0000-b"));
  g_ptr_array_add (by_fields, g_strdup ("00000000ffff-0000-a"));
  g_ptr_array_add (by_fields, g_strdup ("000000010000-0000-a"));

  for (i = 0; i < by_fields->len; i++)
    g_ptr_array_add (by_strcmp, by_fields->pdata[i]);

  g_ptr_array_sort (by_fields, compare_hlc_fields);
  g_ptr_array_sort (by_strcmp, compare_strcmp);

  for (i = 0; i < by_fields->len; i++)
    g_assert_cmpstr (by_fields->pdata[i], ==, by_strcmp->pdata[i]);
}

static void
test_hlc_real_clock (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *first = ud_hlc_clock_tick (clock);
  g_autofree char *second = ud_hlc_clock_tick (clock);
  gint64 after = g_get_real_time () / 1000;
  gint64 wall = 0;

  g_assert_cmpint (strcmp (first, second), <, 0);
  g_assert_true (ud_hlc_parse (second, &wall, NULL, NULL));
  g_assert_cmpint (wall, >=, before);
  g_assert_cmpint (wall, <=, after);

  g_assert_true (ud_hlc_clock_observe (clock, second, &error));
  g_assert_no_error (error);
}

typedef struct
{
  UdHlcClock *clock;
  char       *stamps[PER_THREAD];
} TickJob;

static gpointer
tick_many (gpointer data)
{
  TickJob *job = data;
  guint i;

  for (i = 0; i < PER_THREAD; i++)
    job->stamps[i] = ud_hlc_clock_tick (job->clock);

  return NULL;
}

static void
test_hlc_threads (void)
{
  g_autoptr(UdHlcClock) clock = ud_hlc_clock_new ("a", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TickJob jobs[N_THREADS];
  GThread *threads[N_THREADS];
  guint t;
  guint i;

  for (t = 0; t < N_THREADS; t++)
    {
      jobs[t].clock = clock;
      threads[t] = g_thread_new ("hlc", tick_many, &jobs[t]);
    }
  for (t = 0; t < N_THREADS; t++)
    g_thread_join (threads[t]);

  for (t = 0; t < N_THREADS; t++)
    for (i = 0; i < PER_THREAD; i++)
      {
        if (i > 0)
          g_assert_cmpint (strcmp (jobs[t].stamps[i - 1], jobs[t].stamps[i]), <, 0);
        g_assert_true (g_hash_table_add (seen, jobs[t].stamps[i]));
      }

  g_assert_cmpuint (g_hash_table_size (seen), ==, N_THREADS * PER_THREAD);
}

/* RFC 9562 version 5: the values Python's uuid.uuid5() gives. */
static void
test_uuid_v5 (void)
{
  const char *dns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
  g_autofree char *example = ud_uuid_v5_new (dns, "www.example.com");
  g_autofree char *chinese = ud_uuid_v5_new (dns, "两节");
  g_autofree char *again = ud_uuid_v5_new (dns, "www.example.com");

  g_assert_cmpstr (example, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  g_assert_cmpstr (chinese, ==, "d93be624-4da8-5cfa-b3fe-7cb4fbc63fd3");
  g_assert_cmpstr (again, ==, example);
  g_assert_true (ud_uuid_is_valid (example));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/uuid/layout", test_uuid_layout);
  g_test_add_func ("/uuid/monotonic", test_uuid_monotonic);
  g_test_add_func ("/uuid/threads", test_uuid_threads);
  g_test_add_func ("/uuid/fork", test_uuid_fork);
  g_test_add_func ("/uuid/is-valid", test_uuid_is_valid);
  g_test_add_func ("/uuid/v5", test_uuid_v5);
  g_test_add_func ("/hlc/text", test_hlc_text);
  g_test_add_func ("/hlc/tick-text", test_hlc_tick_text);
  g_test_add_func ("/hlc/backwards", test_hlc_backwards);
  g_test_add_func ("/hlc/counter-overflow", test_hlc_counter_overflow);
  g_test_add_func ("/hlc/observe-future", test_hlc_observe_future);
  g_test_add_func ("/hlc/observe-same-millisecond", test_hlc_observe_same_millisecond);
  g_test_add_func ("/hlc/observe-errors", test_hlc_observe_errors);
  g_test_add_func ("/hlc/resume", test_hlc_resume);
  g_test_add_func ("/hlc/strcmp-order", test_hlc_strcmp_order);
  g_test_add_func ("/hlc/real-clock", test_hlc_real_clock);
  g_test_add_func ("/hlc/threads", test_hlc_threads);

  return g_test_run ();
}
