/* ud-json.c — reading JSON and files that arrive from outside, with limits
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-json"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ud-json.h"

G_DEFINE_QUARK (ud-json-error-quark, ud_json_error)

static void
set_nul_error (GError     **error,
               const char  *what)
{
  g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED,
               /* TRANSLATORS: %s is what was read: "the case", "The request" */
               _("%s may not contain the NUL character (\\u0000) in its text."), what);
}

gboolean
ud_json_check_text (const char  *text,
                    gsize        length,
                    guint        max_depth,
                    const char  *what,
                    GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED,
                   /* TRANSLATORS: %s is what was read: "the case", "The request" */
                   _("%s is not valid UTF-8 text."), what);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            {
              if (i + 5 < length && strncmp (text + i + 1, "u0000", 5) == 0)
                {
                  set_nul_error (error, what);
                  return FALSE;
                }
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '{':
        case '[':
          if (++depth > max_depth)
            {
              g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_DEEP,
                           /* TRANSLATORS: %s is what was read: "the case", "The request" */
                           _("%s nests lists and objects more than %u levels deep."),
                           what, max_depth);
              return FALSE;
            }
          break;

        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;

        case '\0':
          set_nul_error (error, what);
          return FALSE;

        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
ud_json_parse (const char  *text,
               gssize       length,
               guint        max_depth,
               const char  *what,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n;
  JsonNode *root;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = length < 0 ? strlen (text) : (gsize) length;
  if (!ud_json_check_text (text, n, max_depth, what, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) n, &local_error))
    {
      g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED,
                   /* TRANSLATORS: what was read ("the case", "The request"),
                    * then json-glib's description of the fault */
                   _("%s is not valid JSON: %s"), what, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_MALFORMED,
                   /* TRANSLATORS: %s is what was read: "the case", "The request" */
                   _("%s is empty"), what);
      return NULL;
    }

  return json_node_ref (root);
}

static gboolean
check_mode (const char  *path,
            mode_t       mode,
            GError     **error)
{
  const char *what;

  if (S_ISREG (mode))
    return TRUE;

  if (S_ISDIR (mode))
    what = _("a folder");
  else if (S_ISFIFO (mode))
    what = _("a named pipe");
  else if (S_ISSOCK (mode))
    what = _("a socket");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    what = _("a device");
  else
    what = _("not a regular file");

  g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_NOT_A_FILE,
               /* TRANSLATORS: a path, then "a folder", "a named pipe" … */
               _("“%s” is %s, not a file: only regular files are read"), path, what);
  return FALSE;
}

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_READ,
               _("“%s” could not be read: %s"), path, g_strerror (saved_errno));
}

gboolean
ud_file_check_regular (const char  *path,
                       GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, path, errno);
      return FALSE;
    }

  return check_mode (path, st.st_mode, error);
}

gboolean
ud_file_read_regular (const char  *path,
                      gsize        max_size,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize size;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* Non-blocking: opening a FIFO for reading would otherwise wait for a
   * writer forever.  The mode is checked on the open file, not the name,
   * so that it cannot be swapped in between. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, path, errno);
      close (fd);
      return FALSE;
    }
  if (!check_mode (path, st.st_mode, error))
    {
      close (fd);
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_LARGE,
                   _("“%s” is larger than %u KB, too large to be read"),
                   path, (guint) (max_size / 1024));
      close (fd);
      return FALSE;
    }

  /* A file that grows meanwhile is read up to the size checked. */
  size = (gsize) st.st_size;
  buffer = g_malloc (size + 1);
  while (done < size)
    {
      gssize n = read (fd, buffer + done, size - done);

      if (n > 0)
        done += (gsize) n;
      else if (n == 0)
        break;
      else if (errno != EINTR)
        {
          set_errno_error (error, path, errno);
          close (fd);
          return FALSE;
        }
    }
  close (fd);
  size = done;

  buffer[size] = '\0';
  if (length != NULL)
    *length = size;
  *contents = g_steal_pointer (&buffer);

  return TRUE;
}
