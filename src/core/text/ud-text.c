/* ud-text.c — Han characters and the short-query grams of the search index
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ud-text.h"
#include "ud-text-private.h"

/* The CJK ideograph blocks of Unicode 15, whether or not Unihan gives each
 * code point a reading. Radicals, strokes and punctuation are not Han. */
static const struct
{
  gunichar first;
  gunichar last;
} han_blocks[] = {
  { 0x3400, 0x4DBF },   /* Extension A */
  { 0x4E00, 0x9FFF },   /* Unified Ideographs */
  { 0xF900, 0xFAFF },   /* Compatibility Ideographs */
  { 0x20000, 0x2A6DF }, /* Extension B */
  { 0x2A700, 0x2EBEF }, /* Extensions C, D, E, F */
  { 0x2F800, 0x2FA1F }, /* Compatibility Ideographs Supplement */
  { 0x30000, 0x323AF }, /* Extensions G, H */
};

/* Past this many grams a hash set beats scanning the array for duplicates;
 * names and unit names stay below it. */
#define GRAMS_LINEAR_MAX 64

static gboolean
is_gram_separator (gunichar c)
{
  return c == 0 || g_unichar_isspace (c) || g_unichar_ispunct (c) || g_unichar_iscntrl (c);
}

static void
add_gram (GPtrArray  *grams,
          GHashTable *seen,
          gunichar    first,
          gunichar    second)
{
  char buf[2 * 6 + 1];
  gsize len;
  char *gram;

  g_assert (grams != NULL);

  len = g_unichar_to_utf8 (first, buf);
  if (second != 0)
    len += g_unichar_to_utf8 (second, buf + len);
  buf[len] = '\0';

  if (seen != NULL)
    {
      if (g_hash_table_contains (seen, buf))
        return;
    }
  else
    {
      for (guint i = 0; i < grams->len; i++)
        {
          if (strcmp (g_ptr_array_index (grams, i), buf) == 0)
            return;
        }
    }

  gram = g_strndup (buf, len);
  g_ptr_array_add (grams, gram);
  if (seen != NULL)
    g_hash_table_add (seen, gram);
}

/**
 * ud_text_is_han:
 * @c: a Unicode character
 *
 * Returns: whether @c is a CJK ideograph (unified, extension or
 * compatibility), with or without a known reading
 */
gboolean
ud_text_is_han (gunichar c)
{
  if (c < han_blocks[0].first)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (han_blocks); i++)
    {
      if (c < han_blocks[i].first)
        return FALSE;
      if (c <= han_blocks[i].last)
        return TRUE;
    }

  return FALSE;
}

/**
 * ud_text_short_grams:
 * @text: UTF-8 text, typically a name
 *
 * Every distinct 1- and 2-character substring of @text, for the index that
 * answers 1- and 2-character queries. ASCII and full-width letters and digits
 * are folded to lower-case ASCII; spaces and punctuation (such as the "·" in
 * 阿依古丽·买买提) separate words and are never part of a gram. Unigrams come
 * first, in order of appearance, then bigrams.
 *
 * Invalid UTF-8 gives an empty array.
 *
 * Returns: (transfer full): a %NULL-terminated array of UTF-8 grams
 */
char **
ud_text_short_grams (const char *text)
{
  g_autoptr(GPtrArray) grams = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  grams = g_ptr_array_new_with_free_func (g_free);

  if (g_utf8_validate (text, -1, NULL))
    chars = g_utf8_to_ucs4_fast (text, -1, &n_chars);

  /* Fold first so that "ＡＢ" and "ab" give the same grams; 0 marks a break. */
  for (glong i = 0; i < n_chars; i++)
    {
      char ascii = _ud_text_fold_alnum (chars[i]);

      if (ascii != 0)
        chars[i] = (gunichar) ascii;
      else if (is_gram_separator (chars[i]))
        chars[i] = 0;
    }

  if (2 * n_chars > GRAMS_LINEAR_MAX)
    seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (glong i = 0; i < n_chars; i++)
    {
      if (chars[i] != 0)
        add_gram (grams, seen, chars[i], 0);
    }

  for (glong i = 0; i + 1 < n_chars; i++)
    {
      if (chars[i] != 0 && chars[i + 1] != 0)
        add_gram (grams, seen, chars[i], chars[i + 1]);
    }

  /* The set only borrows the strings the array owns. */
  g_clear_pointer (&seen, g_hash_table_unref);
  g_ptr_array_add (grams, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&grams), FALSE);
}
