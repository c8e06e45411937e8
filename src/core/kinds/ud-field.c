/* ud-field.c — field values: validation, stored form and display
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-field.h"
#include "ud-idcard.h"
#include "ud-money.h"
#include "ud-uuid.h"
#include "ud-validate.h"

gboolean
ud_field_is_number (const UdField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return (field->type == UD_FIELD_MONEY || field->type == UD_FIELD_INT) &&
         (field->flags & UD_FIELD_TEXT_COLUMN) == 0;
}

gboolean
ud_field_is_integer_column (const UdField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  return ud_field_is_number (field) ||
         (field->type == UD_FIELD_REFERENCE && field->reference != NULL &&
          field->reference->style == UD_REFERENCE_KEY);
}

const char *
ud_field_get_column (const UdField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return field->column != NULL ? field->column : field->name;
}

const UdChoice *
ud_field_find_choice (const UdField *field,
                      const char    *text)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (text == NULL || field->choices == NULL)
    return NULL;

  for (guint i = 0; i < field->n_choices; i++)
    {
      const UdChoice *choice = &field->choices[i];

      if (strcmp (text, choice->value) == 0 ||
          strcmp (text, choice->csv) == 0 ||
          g_ascii_strcasecmp (text, choice->label) == 0 ||
          strcmp (text, _(choice->label)) == 0)
        return choice;
      for (guint j = 0; choice->aliases != NULL && choice->aliases[j] != NULL; j++)
        if (g_ascii_strcasecmp (text, choice->aliases[j]) == 0)
          return choice;
    }

  return NULL;
}

const char *
ud_field_choice_label (const UdField *field,
                       const char    *value)
{
  const UdChoice *choice;

  g_return_val_if_fail (field != NULL, NULL);

  choice = ud_field_find_choice (field, value);
  return choice != NULL ? _(choice->label) : value;
}

UdIssue *
ud_issue_new (const UdField *field,
              const char    *code,
              gboolean       warning,
              const char    *format,
              ...)
{
  UdIssue *issue;
  va_list args;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  issue = g_new0 (UdIssue, 1);
  issue->field = field;
  issue->code = g_strdup (code);
  issue->warning = warning;
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);

  return issue;
}

void
ud_issue_free (UdIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->code);
  g_free (issue->message);
  g_free (issue);
}

GPtrArray *
ud_issue_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ud_issue_free);
}

gboolean
ud_issue_list_has_errors (GPtrArray *issues)
{
  return ud_issue_list_first_error (issues, 0) != NULL;
}

UdIssue *
ud_issue_list_first_error (GPtrArray *issues,
                           guint      first)
{
  if (issues == NULL)
    return NULL;

  for (guint i = first; i < issues->len; i++)
    if (!((UdIssue *) g_ptr_array_index (issues, i))->warning)
      return g_ptr_array_index (issues, i);

  return NULL;
}

gboolean
ud_issue_list_set_error (GPtrArray  *issues,
                         guint       first,
                         GQuark      domain,
                         gint        code,
                         GError    **error)
{
  UdIssue *issue = ud_issue_list_first_error (issues, first);

  if (issue == NULL)
    return FALSE;

  g_set_error_literal (error, domain, code, issue->message);
  return TRUE;
}

void
ud_issue_list_add_required (GPtrArray     *issues,
                            const UdField *field)
{
  g_return_if_fail (issues != NULL);
  g_return_if_fail (field != NULL);

  g_ptr_array_add (issues,
                   ud_issue_new (field, "required", FALSE,
                                 /* TRANSLATORS: a field label */
                                 _("%s: must not be empty"), _(field->label)));
}

static const char *
validate_error_code (const GError *error)
{
  if (error->domain != UD_VALIDATE_ERROR)
    return "invalid";

  switch ((UdValidateError) error->code)
    {
    case UD_VALIDATE_ERROR_REQUIRED: return "required";
    case UD_VALIDATE_ERROR_FORMAT:   return "invalid_format";
    case UD_VALIDATE_ERROR_LENGTH:   return "invalid_length";
    case UD_VALIDATE_ERROR_CHECKSUM: return "invalid_checksum";
    case UD_VALIDATE_ERROR_DATE:     return "invalid_date";
    case UD_VALIDATE_ERROR_FUTURE:   return "future_date";
    case UD_VALIDATE_ERROR_PROVINCE: return "invalid_province";
    case UD_VALIDATE_ERROR_MISMATCH: return "mismatch";
    case UD_VALIDATE_ERROR_RANGE:    return "out_of_range";
    default:                         return "invalid";
    }
}

static void
add_error (GPtrArray     *issues,
           const UdField *field,
           const GError  *error)
{
  if (issues == NULL)
    return;

  /* TRANSLATORS: a field label, then what is wrong with it */
  g_ptr_array_add (issues, ud_issue_new (field, validate_error_code (error), FALSE,
                                         _("%s: %s"), _(field->label), error->message));
}

/* Whether @value is valid UTF-8, not empty, without a character
 * collapse_spaces() would drop or change, and of at most @max_length
 * characters (0: any). */
static gboolean
is_clean_text (const char *value,
               guint       max_length)
{
  const guchar *p = (const guchar *) value;
  gboolean ascii = TRUE;
  guint n = 0;

  /* Most cells are ASCII: byte by byte, asking only about the few bytes
   * that could be blank. */
  for (; *p != '\0'; p++, n++)
    {
      if (*p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
      if ((*p <= ' ' || *p == 0x7F) && ud_unichar_is_blank (*p))
        return FALSE;
    }
  if (!ascii)
    {
      if (!g_utf8_validate ((const char *) p, -1, NULL))
        return FALSE;
      for (; *p != '\0'; p = (const guchar *) g_utf8_next_char (p), n++)
        if (ud_unichar_is_blank (*p < 0x80 ? (gunichar) *p : g_utf8_get_char ((const char *) p)))
          return FALSE;
    }

  return n > 0 && (max_length == 0 || n <= max_length);
}

static char *
collapse_spaces (const char *input)
{
  GString *s;
  gboolean pending_space = FALSE;
  gboolean clean = TRUE;

  /* Most cells have no space at all: a copy, without rebuilding them
   * character by character (an import normalises a million cells). */
  for (const char *p = input; clean && *p != '\0'; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;

      /* Printable ASCII is never blank. */
      if (b > ' ' && b < 0x7F)
        continue;
      clean = !ud_unichar_is_blank (b < 0x80 ? (gunichar) b : g_utf8_get_char (p));
    }
  if (clean)
    return g_strdup (input);

  s = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (ud_unichar_is_blank (c))
        {
          pending_space = s->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (s, ' ');
      pending_space = FALSE;
      g_string_append_unichar (s, c);
    }

  return g_string_free (s, FALSE);
}

/* The choices written in @text (separated by commas, semicolons — also
 * the Chinese ones — enumeration commas, or lines), as their values in the
 * choices' order, each once; NULL, and an issue naming the first unknown
 * one, when one is not a choice. */
static char *
normalize_set (const UdField *field,
               const char    *text,
               GPtrArray     *issues)
{
  g_auto(GStrv) parts = NULL;
  g_autofree gboolean *chosen = g_new0 (gboolean, field->n_choices + 1);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) unified = g_string_new (text);

  /* "，", "；" and "、" are three bytes each: one separator for the split. */
  g_string_replace (unified, "，", ",", 0);
  g_string_replace (unified, "；", ",", 0);
  g_string_replace (unified, "、", ",", 0);
  parts = g_strsplit_set (unified->str, ",;\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = ud_text_strip (parts[i]);
      const UdChoice *choice;

      if (*part == '\0')
        continue;

      choice = ud_field_find_choice (field, part);
      if (choice == NULL)
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint j = 0; j < field->n_choices; j++)
            {
              if (j > 0)
                g_string_append (allowed, _(", "));
              g_string_append (allowed, field->choices[j].csv);
            }
          if (issues != NULL)
            g_ptr_array_add (issues,
                             ud_issue_new (field, "unknown_choice", FALSE,
                                           /* TRANSLATORS: field label, the value typed, the list of allowed values */
                                           _("%s: “%s” is not one of %s"),
                                           _(field->label), part, allowed->str));
          return NULL;
        }
      chosen[choice - field->choices] = TRUE;
    }

  for (guint i = 0; i < field->n_choices; i++)
    if (chosen[i])
      {
        if (values->len > 0)
          g_string_append_c (values, ',');
        g_string_append (values, field->choices[i].value);
      }

  return g_string_free (g_steal_pointer (&values), FALSE);
}

char *
ud_field_normalize (const UdField *field,
                    const char    *input,
                    GPtrArray     *issues)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned = NULL;
  const char *text;

  g_return_val_if_fail (field != NULL, NULL);

  /* A one-line value that is already clean (most of an import's cells)
   * is read where it is, not copied first. */
  if ((field->flags & UD_FIELD_MULTILINE) == 0 && input != NULL && is_clean_text (input, 0))
    text = input;
  else
    {
      if (input == NULL || !g_utf8_validate (input, -1, NULL))
        input = "";
      if (field->flags & UD_FIELD_MULTILINE)
        text = owned = ud_text_strip (input);
      else
        text = owned = collapse_spaces (input);
    }

  if (*text == '\0')
    return g_strdup ("");

  if (field->type == UD_FIELD_CHOICE && (field->flags & UD_FIELD_SET))
    return normalize_set (field, text, issues);

  switch (field->type)
    {
    case UD_FIELD_REFERENCE:
      if (field->reference != NULL && field->reference->style == UD_REFERENCE_UUID &&
          !ud_uuid_is_valid (text))
        {
          if (issues != NULL)
            g_ptr_array_add (issues,
                             ud_issue_new (field, "invalid_format", FALSE,
                                           /* TRANSLATORS: a field label */
                                           _("%s: does not name a record"), _(field->label)));
          return NULL;
        }
      G_GNUC_FALLTHROUGH;
    case UD_FIELD_TEXT:
      if (field->max_length > 0 && (guint) g_utf8_strlen (text, -1) > field->max_length)
        {
          if (issues != NULL)
            g_ptr_array_add (issues,
                             ud_issue_new (field, "too_long", FALSE,
                                           /* TRANSLATORS: field label, maximum number of characters */
                                           ngettext ("%s: at most %u character",
                                                     "%s: at most %u characters",
                                                     field->max_length),
                                           _(field->label), field->max_length));
          return NULL;
        }
      return owned != NULL ? g_steal_pointer (&owned) : g_strdup (text);

    case UD_FIELD_DATE:
      {
        GDate date;

        if (!ud_date_parse (text, &date, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (field->flags & UD_FIELD_NOT_FUTURE)
          {
            GDate today;

            ud_date_today (&today);
            if (g_date_compare (&date, &today) > 0)
              {
                g_autofree char *iso = ud_date_to_iso (&date);

                if (issues != NULL)
                  g_ptr_array_add (issues,
                                   ud_issue_new (field, "future_date", FALSE,
                                                 /* TRANSLATORS: field label, then a date */
                                                 _("%s: %s is in the future"),
                                                 _(field->label), iso));
                return NULL;
              }
          }
        return ud_date_to_iso (&date);
      }

    case UD_FIELD_CHOICE:
      {
        const UdChoice *choice = ud_field_find_choice (field, text);
        g_autoptr(GString) allowed = NULL;

        if (choice != NULL)
          return g_strdup (choice->value);

        allowed = g_string_new (NULL);

        for (guint i = 0; i < field->n_choices; i++)
          {
            if (i > 0)
              g_string_append (allowed, _(", "));
            g_string_append (allowed, field->choices[i].csv);
          }
        if (issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "unknown_choice", FALSE,
                                         /* TRANSLATORS: field label, the value typed, the list of allowed values */
                                         _("%s: “%s” is not one of %s"),
                                         _(field->label), text, allowed->str));
        return NULL;
      }

    case UD_FIELD_INT:
      {
        guint64 value;

        if (!g_ascii_string_to_unsigned (text, 10, 0, 9999, &value, NULL))
          {
            if (issues != NULL)
              g_ptr_array_add (issues,
                               ud_issue_new (field, "invalid_format", FALSE,
                                             _("%s: must be a whole number"), _(field->label)));
            return NULL;
          }
        return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
      }

    case UD_FIELD_DECIMAL:
      {
        gint64 hundredths;

        if (!ud_decimal_parse (text, &hundredths, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (hundredths < 0)
          {
            if (issues != NULL)
              g_ptr_array_add (issues,
                               ud_issue_new (field, "negative", FALSE,
                                             /* TRANSLATORS: a field label */
                                             _("%s: cannot be negative"), _(field->label)));
            return NULL;
          }
        return ud_decimal_format (hundredths);
      }

    case UD_FIELD_MONEY:
      {
        UdFen fen;

        if (!ud_money_parse (text, &fen, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return g_strdup_printf ("%" G_GINT64_FORMAT, fen);
      }

    case UD_FIELD_ID_NUMBER:
      {
        UdIdCard card;

        if (!ud_idcard_parse (text, NULL, &card, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (card.upgraded && issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "upgraded", TRUE,
                                         /* TRANSLATORS: field label, the old number, the new number */
                                         _("%s: the old 15-digit number %s was upgraded to %s"),
                                         _(field->label), text, card.number));
        return g_strdup (card.number);
      }

    case UD_FIELD_PHONE:
      {
        char *phone = NULL;

        if (!ud_validate_phone (text, &phone, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return phone;
      }

    case UD_FIELD_CARD:
      {
        char *card = NULL;
        gboolean luhn_ok = TRUE;

        if (!ud_validate_card_number (text, &card, &luhn_ok, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        if (!luhn_ok && issues != NULL)
          g_ptr_array_add (issues,
                           ud_issue_new (field, "luhn", TRUE,
                                         _("%s: the number fails the bank check digit; please compare it with the card"),
                                         _(field->label)));
        return card;
      }

    case UD_FIELD_CREDIT_CODE:
      {
        char *code = NULL;

        if (!ud_validate_credit_code (text, &code, &error))
          {
            add_error (issues, field, error);
            return NULL;
          }
        return code;
      }

    default:
      g_assert_not_reached ();
    }
}

char *
ud_field_check_stored (const UdField *field,
                       const char    *value,
                       GPtrArray     *issues)
{
  gint64 fen;

  g_return_val_if_fail (field != NULL, NULL);

  if (field->type != UD_FIELD_MONEY)
    return ud_field_normalize (field, value, issues);

  /* Money in a record is already fen (what ud_field_normalize() made of
   * the yuan typed): reading it as yuan again would multiply it by 100. */
  if (value == NULL || *value == '\0')
    return g_strdup ("");
  if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &fen, NULL))
    {
      if (issues != NULL)
        g_ptr_array_add (issues,
                         ud_issue_new (field, "invalid_format", FALSE,
                                       /* TRANSLATORS: a field label */
                                       _("%s: must be an amount such as 12,000.00"), _(field->label)));
      return NULL;
    }
  if (fen < 0)
    {
      if (issues != NULL)
        g_ptr_array_add (issues,
                         ud_issue_new (field, "negative", FALSE,
                                       /* TRANSLATORS: a field label */
                                       _("%s: cannot be negative"), _(field->label)));
      return NULL;
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT, fen);
}

gboolean
ud_field_value_is_normal (const UdField *field,
                          const char    *value)
{
  const UdChoice *choice;

  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL || (field->flags & UD_FIELD_MULTILINE) != 0)
    return FALSE;

  switch (field->type)
    {
    case UD_FIELD_REFERENCE:
      if (field->reference != NULL && field->reference->style == UD_REFERENCE_UUID &&
          !ud_uuid_is_valid (value))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case UD_FIELD_TEXT:
      /* ud_field_normalize() gives a copy of such a text. */
      return is_clean_text (value, field->max_length);

    case UD_FIELD_CHOICE:
      /* The value of the choice it names, as ud_field_normalize() gives
       * back (a set's values are joined by commas, which it sorts). */
      if ((field->flags & UD_FIELD_SET) != 0 || !is_clean_text (value, 0))
        return FALSE;
      /* A label or an alias ("男", "female") is no choice's value: told
       * apart without looking it up (it is looked up when normalised). */
      for (choice = field->choices; choice != NULL && choice < field->choices + field->n_choices; choice++)
        if (strcmp (choice->value, value) == 0)
          break;
      if (choice == NULL || choice == field->choices + field->n_choices)
        return FALSE;
      choice = ud_field_find_choice (field, value);
      return choice != NULL && strcmp (choice->value, value) == 0;

    default:
      return FALSE;
    }
}

char *
ud_field_display (const UdField *field,
                  const char    *value,
                  gboolean       masked)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  if (field->type == UD_FIELD_CHOICE && (field->flags & UD_FIELD_SET))
    {
      g_auto(GStrv) values = g_strsplit (value, ",", -1);
      g_autoptr(GString) labels = g_string_new (NULL);

      for (guint i = 0; values[i] != NULL; i++)
        {
          if (labels->len > 0)
            /* TRANSLATORS: between the items of a list */
            g_string_append (labels, _(", "));
          g_string_append (labels, ud_field_choice_label (field, values[i]));
        }
      return g_string_free (g_steal_pointer (&labels), FALSE);
    }

  switch (field->type)
    {
    case UD_FIELD_CHOICE:
      return g_strdup (ud_field_choice_label (field, value));

    case UD_FIELD_MONEY:
      return ud_money_format (g_ascii_strtoll (value, NULL, 10));

    case UD_FIELD_ID_NUMBER:
      return masked ? ud_idcard_mask (value) : g_strdup (value);

    case UD_FIELD_PHONE:
      return masked ? ud_mask_phone (value) : g_strdup (value);

    case UD_FIELD_CARD:
      return masked ? ud_mask_card (value) : g_strdup (value);

    case UD_FIELD_TEXT:
    case UD_FIELD_DATE:
    case UD_FIELD_INT:
    case UD_FIELD_DECIMAL:
    case UD_FIELD_CREDIT_CODE:
    case UD_FIELD_REFERENCE:
    default:
      return g_strdup (value);
    }
}

