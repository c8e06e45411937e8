/* ud-uuid.c — time-ordered record identifiers (RFC 9562 UUIDv7)
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-uuid"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pthread.h>
#include <string.h>
#ifdef UD_HAVE_GETRANDOM
# include <sys/random.h>
#endif

#include "ud-uuid.h"

/* Layout (RFC 9562 §5.7), with the monotonic counter of §6.2 method 1:
 *
 *   48 bits  Unix time in milliseconds
 *    4 bits  version 0111
 *   42 bits  counter: the 12 bits of rand_a and the first 30 of rand_b
 *    2 bits  variant 10
 *   32 bits  random
 *
 * The counter starts at a random value with its top bit clear in each new
 * millisecond and is incremented within one; if the clock goes backwards
 * the last millisecond is kept and the counter goes on. So every UUID of
 * a process sorts after the previous one, as bytes and as text, and the
 * index the records are inserted into stays append-only. */

#define COUNTER_BITS 42
#define COUNTER_MAX  ((G_GUINT64_CONSTANT (1) << COUNTER_BITS) - 1)

static GMutex uuid_mutex;
static guint64 last_ms;
static guint64 last_counter;

static void
fill_random (guint8 *buf,
             gsize   len)
{
#ifdef UD_HAVE_GETRANDOM
  gsize done = 0;

  while (done < len)
    {
      gssize got = getrandom (buf + done, len - done, 0);

      if (got <= 0)
        break;
      done += (gsize) got;
    }

  if (done == len)
    return;
#endif
  {
    gsize i;

    for (i = 0; i < len; i++)
      buf[i] = (guint8) g_random_int_range (0, 256);
  }
}

/* getrandom() a UUID at a time was one system call per record written:
 * an import of 100,000 members made 100,000 of them.  The bytes come from
 * the same source, a block at a time; a forked child throws away what it
 * inherited and draws its own. */
#define POOL_SIZE 512

static GMutex pool_mutex;
static guint8 pool[POOL_SIZE];
static gsize pool_used = POOL_SIZE;

static void
pool_forget (void)
{
  memset (pool, 0, sizeof pool);
  pool_used = POOL_SIZE;
  g_mutex_init (&pool_mutex);
}

static guint64
random_bits (guint bits)
{
  static gsize at_fork = 0;
  guint8 buf[8];
  guint64 v = 0;
  guint i;

  g_assert (bits <= 64);

  if (g_once_init_enter (&at_fork))
    {
      pthread_atfork (NULL, NULL, pool_forget);
      g_once_init_leave (&at_fork, 1);
    }

  g_mutex_lock (&pool_mutex);
  if (pool_used + sizeof buf > POOL_SIZE)
    {
      fill_random (pool, POOL_SIZE);
      pool_used = 0;
    }
  memcpy (buf, pool + pool_used, sizeof buf);
  /* A byte drawn is never drawn again. */
  memset (pool + pool_used, 0, sizeof buf);
  pool_used += sizeof buf;
  g_mutex_unlock (&pool_mutex);

  for (i = 0; i < 8; i++)
    v = (v << 8) | buf[i];

  return bits == 64 ? v : v & ((G_GUINT64_CONSTANT (1) << bits) - 1);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/**
 * ud_uuid_v7_generate:
 * @out: (out caller-allocates): room for 36 characters and a NUL
 *
 * Writes a new UUIDv7 in lower case, e.g.
 * "0193f7a2-c1b3-7a4e-9c2d-5e6f7a8b9c0d". Within a process each one
 * compares greater than the one before, with strcmp() too. Thread-safe.
 */
void
ud_uuid_v7_generate (char out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 now_ms;
  guint64 ms;
  guint64 counter;
  guint64 tail;
  guint i;
  char *p;

  g_return_if_fail (out != NULL);

  now_ms = (guint64) MAX (g_get_real_time () / 1000, 0);
  tail = random_bits (32);

  g_mutex_lock (&uuid_mutex);
  if (now_ms > last_ms)
    {
      last_ms = now_ms;
      last_counter = random_bits (COUNTER_BITS - 1);
    }
  else if (last_counter < COUNTER_MAX)
    {
      last_counter++;
    }
  else
    {
      /* 2^41 UUIDs in one millisecond: borrow the next one. */
      last_ms++;
      last_counter = random_bits (COUNTER_BITS - 1);
    }
  ms = last_ms;
  counter = last_counter;
  g_mutex_unlock (&uuid_mutex);

  for (i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  bytes[6] = (guint8) (0x70 | ((counter >> 38) & 0x0f));
  bytes[7] = (guint8) (counter >> 30);
  bytes[8] = (guint8) (0x80 | ((counter >> 24) & 0x3f));
  bytes[9] = (guint8) (counter >> 16);
  bytes[10] = (guint8) (counter >> 8);
  bytes[11] = (guint8) counter;
  bytes[12] = (guint8) (tail >> 24);
  bytes[13] = (guint8) (tail >> 16);
  bytes[14] = (guint8) (tail >> 8);
  bytes[15] = (guint8) tail;

  p = out;
  for (i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0x0f];
    }
  *p = '\0';
}

/**
 * ud_uuid_v7_new:
 *
 * Returns: (transfer full): a new UUIDv7, see ud_uuid_v7_generate()
 */
char *
ud_uuid_v7_new (void)
{
  char buf[37];

  ud_uuid_v7_generate (buf);
  return g_strdup (buf);
}

/**
 * ud_uuid_is_valid:
 * @text: (nullable): text to check
 *
 * Returns: %TRUE if @text is a UUID in the 8-4-4-4-12 hex form (any
 *   version, either case)
 */
gboolean
ud_uuid_is_valid (const char *text)
{
  guint i;

  if (text == NULL || strlen (text) != UD_UUID_STRING_LENGTH)
    return FALSE;

  for (i = 0; i < UD_UUID_STRING_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (hex_value (text[i]) < 0)
        {
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ud_uuid_v7_get_time_ms:
 * @text: (nullable): a UUID
 *
 * Returns: the Unix time in milliseconds a UUIDv7 carries, or -1 if @text
 *   is not a UUIDv7 with the RFC 9562 variant
 */
gint64
ud_uuid_v7_get_time_ms (const char *text)
{
  gint64 ms = 0;
  guint i;

  if (!ud_uuid_is_valid (text))
    return -1;
  if (text[14] != '7' || hex_value (text[19]) < 8 || hex_value (text[19]) > 11)
    return -1;

  for (i = 0; i < 13; i++)
    {
      if (i == 8)
        continue;
      ms = (ms << 4) | hex_value (text[i]);
    }

  return ms;
}

/**
 * ud_uuid_v5_new:
 * @namespace_uuid: a UUID naming the set the name belongs to
 * @name: the name
 *
 * The name-based UUID (RFC 9562 version 5, SHA-1) of @name within
 * @namespace_uuid: the same in every office, for records every office
 * makes alike (the shipped defaults).
 *
 * Returns: (transfer full): the UUID in the 8-4-4-4-12 form
 */
char *
ud_uuid_v5_new (const char *namespace_uuid,
                const char *name)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 space[16];
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  guint n = 0;

  g_return_val_if_fail (ud_uuid_is_valid (namespace_uuid), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < UD_UUID_STRING_LENGTH; i++)
    {
      if (namespace_uuid[i] == '-')
        continue;
      space[n / 2] = (guint8) (n % 2 == 0 ? hex_value (namespace_uuid[i]) << 4
                                          : space[n / 2] | hex_value (namespace_uuid[i]));
      n++;
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (checksum, space, sizeof space);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  digest[6] = (guint8) ((digest[6] & 0x0f) | 0x50);
  digest[8] = (guint8) ((digest[8] & 0x3f) | 0x80);

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
