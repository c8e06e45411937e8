/* ud-certificate.c — certificates on landscape A4: one a page, with serial and QR code
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-certificate.h"
#include "ud-validate.h"

#define COUNT_KEY "ud-certificate-count"

/* The sheet is 297 × 210 mm. */
#define SHEET_W   UD_A4_HEIGHT
#define SHEET_H   UD_A4_WIDTH
#define FRAME     10.0      /* the outer frame, from the edge */
#define INNER     13.5      /* the inner frame */
#define TEXT_X    40.0      /* the body's box */
#define TEXT_W    (SHEET_W - 2 * TEXT_X)
#define QR_SIZE   26.0
#define RED       0xB0191E

UdDocument *
ud_certificate_document_new (const char *title)
{
  const UdPageSetup setup = { UD_ORIENTATION_LANDSCAPE, FRAME, FRAME, FRAME, FRAME };
  UdDocument *document;

  g_return_val_if_fail (title != NULL, NULL);

  document = ud_document_new (title, &setup);
  ud_document_set_page_numbers (document, FALSE);
  return document;
}

guint
ud_certificate_count (UdDocument *document)
{
  g_return_val_if_fail (UD_IS_DOCUMENT (document), 0);

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (document), COUNT_KEY));
}

char *
ud_certificate_format_date (const char *iso)
{
  static const char * const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *year = NULL;
  GDate date;
  guint month, day;

  if (iso == NULL || !ud_date_parse (iso, &date, NULL))
    return NULL;

  year = g_strdup_printf ("%04u", (guint) g_date_get_year (&date));
  for (const char *p = year; *p != '\0'; p++)
    g_string_append (text, digits[*p - '0']);
  g_string_append (text, "年");

  /* 十, 十一 … 二十, 二十一, 三十, 三十一 */
  month = g_date_get_month (&date);
  day = g_date_get_day (&date);
  for (guint i = 0; i < 2; i++)
    {
      guint n = i == 0 ? month : day;

      if (n >= 20)
        g_string_append (text, digits[n / 10]);
      if (n >= 10)
        g_string_append (text, "十");
      if (n % 10 != 0 || n < 10)
        g_string_append (text, digits[n % 10]);
      g_string_append (text, i == 0 ? "月" : "日");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
blank (const char *text)
{
  return text == NULL || ud_text_is_blank (text);
}

gboolean
ud_certificate_add (UdDocument           *document,
                    const UdCertificate  *certificate,
                    GError              **error)
{
  const UdTextStyle title_style = { UD_FONT_SERIF, 40, 28, TRUE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, RED };
  const UdTextStyle recipient_style = { UD_FONT_SERIF, 26, 16, TRUE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  const UdTextStyle body_style = { UD_FONT_SERIF, 18, 12, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  const UdTextStyle detail_style = { UD_FONT_SANS, 13, 9, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  const UdTextStyle issuer_style = { UD_FONT_SERIF, 18, 12, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  const UdTextStyle date_style = { UD_FONT_SERIF, 15, 10, FALSE, UD_ALIGN_CENTER, UD_ALIGN_CENTER, 0 };
  const UdTextStyle serial_style = { UD_FONT_SANS, 10, 7, FALSE, UD_ALIGN_START, UD_ALIGN_CENTER, 0 };
  g_autofree char *date = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *details = NULL;
  const char *payload;
  guint count;
  UdRect box;

  g_return_val_if_fail (UD_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (certificate != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  date = ud_certificate_format_date (certificate->date);
  if (blank (certificate->title) || blank (certificate->issuer) || blank (certificate->serial) || date == NULL)
    {
      g_set_error_literal (error, UD_DOCUMENT_ERROR, UD_DOCUMENT_ERROR_EMPTY,
                           _("A certificate needs its title, issuer, date and serial number."));
      return FALSE;
    }
  payload = certificate->qr_payload != NULL ? certificate->qr_payload : certificate->serial;

  count = ud_certificate_count (document);
  ud_document_new_page (document);

  /* The QR code first: the one step that can fail, on a page still
   * blank (its failure leaves the page, which the caller drops with the
   * document). */
  box = (UdRect) { INNER + 8, SHEET_H - INNER - 8 - 7 - QR_SIZE, QR_SIZE, QR_SIZE };
  if (!ud_document_place_qr (document, &box, payload, error))
    return FALSE;

  /* A double frame, the outer one heavy. */
  box = (UdRect) { FRAME, FRAME, SHEET_W - 2 * FRAME, SHEET_H - 2 * FRAME };
  ud_document_place_rect (document, &box, 2.5, UD_NO_FILL);
  box = (UdRect) { INNER, INNER, SHEET_W - 2 * INNER, SHEET_H - 2 * INNER };
  ud_document_place_rect (document, &box, 0.6, UD_NO_FILL);

  box = (UdRect) { TEXT_X, 26, TEXT_W, 22 };
  ud_document_place_text (document, &box, certificate->title, &title_style, NULL);

  if (!blank (certificate->recipient))
    {
      box = (UdRect) { TEXT_X, 56, TEXT_W, 16 };
      ud_document_place_text (document, &box, certificate->recipient, &recipient_style, NULL);
    }

  if (!blank (certificate->body))
    {
      box = (UdRect) { TEXT_X, 76, TEXT_W, 44 };
      ud_document_place_text (document, &box, certificate->body, &body_style, NULL);
    }

  if (certificate->details != NULL && certificate->details[0] != NULL)
    {
      details = g_strjoinv ("　　", (char **) certificate->details);
      box = (UdRect) { TEXT_X - 10, 124, TEXT_W + 20, 10 };
      ud_document_place_text (document, &box, details, &detail_style, NULL);
    }

  /* The issuer and the date at the right, the seal over them as a
   * union stamps it; its hint between the two lines. */
  box = (UdRect) { SHEET_W - INNER - 12 - 110, 138, 110, 12 };
  ud_document_place_text (document, &box, certificate->issuer, &issuer_style, NULL);
  box = (UdRect) { SHEET_W - INNER - 12 - 110, 161, 110, 10 };
  ud_document_place_text (document, &box, date, &date_style, NULL);
  ud_document_place_seal_area (document, SHEET_W - INNER - 12 - 55, 155.5, UD_SEAL_DIAMETER);

  serial = g_strdup_printf ("编号：%s", certificate->serial);
  box = (UdRect) { INNER + 8, SHEET_H - INNER - 8 - 6, 120, 6 };
  ud_document_place_text (document, &box, serial, &serial_style, NULL);

  g_object_set_data (G_OBJECT (document), COUNT_KEY, GUINT_TO_POINTER (count + 1));
  return TRUE;
}
