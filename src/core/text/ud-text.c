/* ud-text.c — Han characters and the folded form that search compares
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

static gboolean
is_separator (gunichar c)
{
  return c == 0 || g_unichar_isspace (c) || g_unichar_ispunct (c) || g_unichar_iscntrl (c);
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
 * ud_text_fold:
 * @text: UTF-8 text, typically a name or a search word
 *
 * @text as search compares it: ASCII and full-width letters and digits
 * become lower-case ASCII, and each run of spaces and punctuation (such as
 * the "·" in 阿依古丽·买买提) becomes one space, none at either end. Other
 * characters are kept. The search index cuts its grams from this form, and
 * a search word is folded the same way before it is looked up.
 *
 * Returns: (transfer full): the folded text; empty for invalid UTF-8
 */
char *
ud_text_fold (const char *text)
{
  GString *folded;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  folded = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char ascii = _ud_text_fold_alnum (c);

      if (ascii == 0 && is_separator (c))
        {
          pending_space = folded->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (folded, ' ');
      pending_space = FALSE;
      if (ascii != 0)
        g_string_append_c (folded, ascii);
      else
        g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}
