/* ud-server-json.c — defensive reading of sync requests, JSON text helpers
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-server"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ud-server-json.h"

#include "ud-hlc.h"
#include "ud-idcard.h"
#include "ud-json.h"
#include "ud-kind.h"
#include "ud-uuid.h"
#include "ud-validate.h"

G_DEFINE_QUARK (ud-server-json-error-quark, ud_server_json_error)

static const char *get_string (JsonObject *object, const char *name);

/* What the city-wide duplicate-aid check (DESIGN.md §7, City view) reads
 * of a record is its kind's: the kinds whose records stand for money or
 * relief given to a person describe it (UdAidDescription, the kind
 * registry).  Another kind, or one of a later version, is no aid here. */
static const UdAidDescription *
aid_of (const char *kind_name)
{
  const UdKind *kind = ud_kind_lookup (kind_name);

  return kind != NULL ? kind->aid : NULL;
}

/* An application is aid given only once it is granted: a draft, one under
 * review or one rejected is nobody's relief yet. */
static gboolean
aid_granted (const UdAidDescription *aid,
             JsonObject             *data)
{
  const char *state;

  if (aid->state_field == NULL)
    return TRUE;

  state = get_string (data, aid->state_field);
  return state != NULL && g_strv_contains (aid->granted_states, state);
}

UdServerChange *
ud_server_change_new (void)
{
  return g_new0 (UdServerChange, 1);
}

void
ud_server_change_free (UdServerChange *change)
{
  if (change == NULL)
    return;

  g_free (change->kind);
  g_free (change->uuid);
  g_free (change->district);
  g_free (change->hlc);
  g_free (change->base_hlc);
  g_free (change->data);
  g_free (change->id_number);
  g_free (change->aid_date);
  g_free (change->refusal);
  g_free (change);
}

void
ud_server_push_free (UdServerPush *push)
{
  if (push == NULL)
    return;

  g_free (push->client);
  g_free (push->batch);
  g_clear_pointer (&push->changes, g_ptr_array_unref);
  g_clear_pointer (&push->audit, g_ptr_array_unref);
  g_free (push->fingerprint);
  g_free (push);
}

/* Scans the raw text once before json-glib sees it (ud_json_check_text):
 * json-glib's parser is recursive and has no depth limit, and it would
 * silently cut a string at an escaped NUL, which PostgreSQL's jsonb
 * refuses anyway. */
static gboolean
check_raw_text (const char  *text,
                gsize        length,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ud_json_check_text (text, length, UD_SERVER_MAX_DEPTH, _("The request"), &local_error))
    return TRUE;

  g_set_error_literal (error, UD_SERVER_JSON_ERROR,
                       g_error_matches (local_error, UD_JSON_ERROR, UD_JSON_ERROR_TOO_DEEP)
                       ? UD_SERVER_JSON_ERROR_TOO_DEEP : UD_SERVER_JSON_ERROR_MALFORMED,
                       local_error->message);
  return FALSE;
}

/* Checks every value under @node: text length, member names, numbers. The
 * depth is already bounded by check_raw_text(). */
static gboolean
check_values (JsonNode  *node,
              guint      index,
              GError   **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (strlen (name) > UD_SERVER_MAX_MEMBER_NAME)
              {
                g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                             _("Change %u: a field name in the record contents is longer than %u bytes."),
                             index, (guint) UD_SERVER_MAX_MEMBER_NAME);
                return FALSE;
              }
            if (!check_values (member, index, error))
              return FALSE;
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        guint i;

        for (i = 0; i < n; i++)
          if (!check_values (json_array_get_element (array, i), index, error))
            return FALSE;
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          strlen (json_node_get_string (node)) > UD_SERVER_MAX_STRING)
        {
          g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                       _("Change %u: a text value in the record contents is longer than %u bytes."),
                       index, (guint) UD_SERVER_MAX_STRING);
          return FALSE;
        }
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
          !isfinite (json_node_get_double (node)))
        {
          g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                       _("Change %u: a number in the record contents is too large."),
                       index);
          return FALSE;
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  return TRUE;
}

/* Returns the string value of @name, or NULL if it is missing or not text. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_kind_name (const char *text)
{
  gsize i;

  if (text == NULL || !g_ascii_islower (text[0]) || strlen (text) > UD_SERVER_MAX_KIND)
    return FALSE;

  for (i = 1; text[i] != '\0'; i++)
    if (!g_ascii_islower (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '_')
      return FALSE;

  return TRUE;
}


static gboolean
is_hlc (const char *text)
{
  return text != NULL && ud_hlc_parse (text, NULL, NULL, NULL);
}

/* Returns a lower-case copy of @text if it is a UUID, else NULL. */
static char *
normalize_uuid (const char *text)
{
  if (!ud_uuid_is_valid (text))
    return NULL;

  return g_ascii_strdown (text, -1);
}

static char *
normalize_id_number (const char *text)
{
  UdIdCard card;
  g_autofree char *upper = NULL;

  if (ud_idcard_parse (text, NULL, &card, NULL))
    return g_strdup (card.number);

  /* Not a valid resident ID (a passport number, an old typo): compare it
   * as written, ignoring case and surrounding blanks. */
  upper = g_ascii_strup (text, -1);
  g_strstrip (upper);
  if (*upper == '\0' || strlen (upper) > 64)
    return NULL;

  return g_steal_pointer (&upper);
}

/* The first of the kind's date fields that holds a date is the date of
 * the aid; a record without one is dated by the day the server first
 * received it. */
static char *
find_aid_date (const UdAidDescription *aid,
               JsonObject             *data)
{
  gsize i;

  for (i = 0; aid->date_fields != NULL && aid->date_fields[i] != NULL; i++)
    {
      const char *text = get_string (data, aid->date_fields[i]);
      GDate date;

      if (text != NULL && ud_date_parse (text, &date, NULL))
        return ud_date_to_iso (&date);
    }

  return NULL;
}

/* A kind this server stores under a newer name.  The relief trail's
 * steps were the kind "illness_step" until every kind shared one trail
 * (workflow_step, which names the record's kind): an office not updated
 * yet still sends them so, and they are stored as the kind they are now,
 * as the server's migration 3 did with the ones it held. */
static void
follow_renamed_kind (UdServerChange *change,
                     JsonObject     *data)
{
  const UdKind *kind = ud_kind_lookup (change->kind);

  if (kind == NULL || g_str_equal (kind->name, change->kind))
    return;

  if (g_str_equal (change->kind, "illness_step") && json_object_has_member (data, "application_uuid"))
    {
      JsonNode *parent = json_object_dup_member (data, "application_uuid");

      json_object_remove_member (data, "application_uuid");
      json_object_set_string_member (data, "record_kind", "illness_application");
      json_object_set_member (data, "record_uuid", parent);
    }

  g_free (change->kind);
  change->kind = g_strdup (kind->name);
}

static UdServerChange *
parse_change (JsonNode  *node,
              guint      index,
              GError   **error)
{
  g_autoptr(UdServerChange) change = ud_server_change_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  const UdAidDescription *aid;
  JsonObject *object;
  JsonNode *member;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u is not a JSON object."), index);
      return NULL;
    }
  object = json_node_get_object (node);

  text = get_string (object, "kind");
  if (!is_kind_name (text))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u: the record kind (\"kind\") is missing or is not a short lower-case name."),
                   index);
      return NULL;
    }
  change->kind = g_strdup (text);

  change->uuid = normalize_uuid (get_string (object, "uuid"));
  if (change->uuid == NULL)
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u: the record identifier (\"uuid\") is missing or is not a valid UUID."),
                   index);
      return NULL;
    }

  text = get_string (object, "district");
  if (!ud_server_is_district_code (text))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u: the district (\"district\") must be a 6-digit district code."),
                   index);
      return NULL;
    }
  change->district = g_strdup (text);

  text = get_string (object, "hlc");
  if (!is_hlc (text))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u: the version stamp (\"hlc\") is missing or not valid."),
                   index);
      return NULL;
    }
  change->hlc = g_strdup (text);

  member = json_object_get_member (object, "base_hlc");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      text = get_string (object, "base_hlc");
      if (!is_hlc (text))
        {
          g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                       _("Change %u: the earlier version stamp (\"base_hlc\") must be null or a valid version stamp."),
                       index);
          return NULL;
        }
      change->base_hlc = g_strdup (text);
    }

  member = json_object_get_member (object, "deleted");
  if (member != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                       _("Change %u: the deletion mark (\"deleted\") must be true or false."),
                       index);
          return NULL;
        }
      change->deleted = json_node_get_boolean (member);
    }

  member = json_object_get_member (object, "data");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                   _("Change %u: the record contents (\"data\") must be a JSON object."),
                   index);
      return NULL;
    }
  if (!check_values (member, index, error))
    return NULL;
  follow_renamed_kind (change, json_node_get_object (member));

  generator = json_generator_new ();
  json_generator_set_root (generator, member);
  change->data = json_generator_to_data (generator, NULL);

  aid = aid_of (change->kind);
  if (aid != NULL && !change->deleted && aid_granted (aid, json_node_get_object (member)))
    {
      JsonObject *data = json_node_get_object (member);

      text = get_string (data, aid->person_field);
      if (text != NULL)
        change->id_number = normalize_id_number (text);
      change->aid_date = find_aid_date (aid, data);
    }

  return g_steal_pointer (&change);
}

/* The members of an audit entry besides id and hash, in the order of
 * UdServerAuditEntry.fields. */
static const char * const audit_fields[UD_AUDIT_HASHED_FIELDS] = {
  "at", "actor", "action", "kind", "uuid", "field", "old_value", "new_value", "detail",
};

void
ud_server_audit_entry_free (UdServerAuditEntry *entry)
{
  if (entry == NULL)
    return;

  for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
    g_free (entry->fields[i]);
  g_free (entry->hash);
  g_free (entry);
}

void
ud_server_audit_entry_append_json (GString                  *out,
                                   const UdServerAuditEntry *entry)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT, entry->id);
  for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
    {
      ud_json_append_member (out, audit_fields[i]);
      ud_json_append_string_or_null (out, entry->fields[i]);
    }
  ud_json_append_member (out, "hash");
  ud_json_append_string (out, entry->hash);
  g_string_append_c (out, '}');
}

static gboolean
is_hash (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static UdServerAuditEntry *
parse_audit_entry (JsonNode  *node,
                   guint      index,
                   GError   **error)
{
  UdServerAuditEntry *entry;
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;
  object = json_node_get_object (node);
  if (json_object_get_size (object) != UD_AUDIT_HASHED_FIELDS + 2)
    goto invalid;

  member = json_object_get_member (object, "id");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 1 ||
      !is_hash (get_string (object, "hash")))
    goto invalid;

  entry = g_new0 (UdServerAuditEntry, 1);
  entry->id = json_node_get_int (member);
  entry->hash = g_strdup (get_string (object, "hash"));
  for (guint i = 0; i < UD_AUDIT_HASHED_FIELDS; i++)
    {
      member = json_object_get_member (object, audit_fields[i]);
      /* at, actor and action are never empty in an office's trail. */
      if (member == NULL || (JSON_NODE_HOLDS_NULL (member) ? i < 3 : get_string (object, audit_fields[i]) == NULL))
        {
          ud_server_audit_entry_free (entry);
          goto invalid;
        }
      entry->fields[i] = g_strdup (get_string (object, audit_fields[i]));
    }

  return entry;

invalid:
  g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
               _("Audit entry %u: must be an object with a positive \"id\", the text of \"at\", \"actor\" and \"action\", text or null for \"kind\", \"uuid\", \"field\", \"old_value\", \"new_value\" and \"detail\", and its \"hash\" (64 hexadecimal digits), and nothing else."),
               index);
  return NULL;
}

/* The "audit" member: entries with ids that follow each other, each
 * chained to the one before it; the first one is chained to the city's
 * copy when the batch is stored (ud-server-db.c). */
static gboolean
parse_audit (JsonObject    *object,
             UdServerPush  *push,
             GError       **error)
{
  JsonNode *member = json_object_get_member (object, "audit");
  JsonArray *entries;
  guint n;

  push->audit = g_ptr_array_new_with_free_func ((GDestroyNotify) ud_server_audit_entry_free);
  if (member == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("The office's audit entries (\"audit\") must be a list."));
      return FALSE;
    }
  entries = json_node_get_array (member);
  n = json_array_get_length (entries);
  if (n > UD_SERVER_MAX_AUDIT)
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_TOO_MANY,
                   _("A push may carry at most %u audit entries; this one has %u."),
                   (guint) UD_SERVER_MAX_AUDIT, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      UdServerAuditEntry *entry = parse_audit_entry (json_array_get_element (entries, i), i + 1, error);
      UdServerAuditEntry *before = i > 0 ? g_ptr_array_index (push->audit, i - 1) : NULL;

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (push->audit, entry);
      if (before != NULL)
        {
          g_autofree char *expected = ud_audit_entry_hash (before->hash, entry->id,
                                                           (const char * const *) entry->fields);

          if (entry->id != before->id + 1 || !g_str_equal (expected, entry->hash))
            {
              g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("Audit entry %u (id %lld) does not follow the one before it: the office's trail is broken there."),
                           i + 1, (long long) entry->id);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static char *
compute_fingerprint (GPtrArray *changes,
                     GPtrArray *audit)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint i;

  /* An HLC names one version of one record, so kind, uuid and hlc identify
   * a change however the client happens to format its JSON. */
  for (i = 0; i < changes->len; i++)
    {
      const UdServerChange *change = g_ptr_array_index (changes, i);
      g_autofree char *line = g_strdup_printf ("%s\t%s\t%s\t%s\t%d\n",
                                               change->kind, change->uuid, change->district,
                                               change->hlc, change->deleted ? 1 : 0);

      g_checksum_update (checksum, (const guchar *) line, (gssize) strlen (line));
    }
  /* An entry's hash covers its content and those before it. */
  for (i = 0; i < audit->len; i++)
    {
      const UdServerAuditEntry *entry = g_ptr_array_index (audit, i);
      g_autofree char *line = g_strdup_printf ("audit\t%" G_GINT64_FORMAT "\t%s\n", entry->id, entry->hash);

      g_checksum_update (checksum, (const guchar *) line, (gssize) strlen (line));
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * ud_server_push_parse:
 * @body: the request body
 * @length: its length in bytes
 * @error: return location for a %UD_SERVER_JSON_ERROR
 *
 * Reads a push request and checks every member of it: the protocol
 * version, the client and batch identifiers, and each change's kind, uuid,
 * district, version stamps, deletion mark and contents.
 *
 * Returns: (transfer full): the push, or %NULL with @error set
 */
UdServerPush *
ud_server_push_parse (const char  *body,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(UdServerPush) push = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *member;
  JsonArray *changes;
  guint n_changes;
  guint i;

  g_return_val_if_fail (body != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_MALFORMED,
                           _("The request body is empty."));
      return NULL;
    }

  if (!check_raw_text (body, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, (gssize) length, &local_error))
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_MALFORMED,
                   _("The request body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("The request body must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);

  member = json_object_get_member (object, "protocol");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64 ||
      json_node_get_int (member) != UD_SERVER_PROTOCOL)
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_PROTOCOL,
                   _("The request must say \"protocol\": %d, the only protocol version this server speaks."),
                   UD_SERVER_PROTOCOL);
      return NULL;
    }

  push = g_new0 (UdServerPush, 1);

  push->client = normalize_uuid (get_string (object, "client"));
  if (push->client == NULL)
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("The office identifier (\"client\") is missing or is not a valid UUID."));
      return NULL;
    }

  push->batch = normalize_uuid (get_string (object, "batch"));
  if (push->batch == NULL)
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("The batch identifier (\"batch\") is missing or is not a valid UUID."));
      return NULL;
    }

  member = json_object_get_member (object, "changes");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error_literal (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_INVALID,
                           _("The list of changes (\"changes\") is missing or is not a list."));
      return NULL;
    }
  changes = json_node_get_array (member);
  n_changes = json_array_get_length (changes);
  if (n_changes > UD_SERVER_MAX_CHANGES)
    {
      g_set_error (error, UD_SERVER_JSON_ERROR, UD_SERVER_JSON_ERROR_TOO_MANY,
                   _("A batch may hold at most %u changes; this one holds %u."),
                   (guint) UD_SERVER_MAX_CHANGES, n_changes);
      return NULL;
    }

  push->changes = g_ptr_array_new_full (n_changes, (GDestroyNotify) ud_server_change_free);
  for (i = 0; i < n_changes; i++)
    {
      UdServerChange *change = parse_change (json_array_get_element (changes, i), i + 1, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (push->changes, change);
    }

  if (!parse_audit (object, push, error))
    return NULL;

  push->fingerprint = compute_fingerprint (push->changes, push->audit);

  return g_steal_pointer (&push);
}

/**
 * ud_server_is_district_code:
 * @text: (nullable): text to check
 *
 * Returns: %TRUE if @text is a 6-digit district code such as 110118
 */
gboolean
ud_server_is_district_code (const char *text)
{
  gsize i;

  if (text == NULL || strlen (text) != 6)
    return FALSE;

  for (i = 0; i < 6; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

gboolean
ud_server_change_is_reference (const UdServerChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return g_str_has_prefix (change->kind, "ref_");
}

gboolean
ud_server_change_is_aid (const UdServerChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return aid_of (change->kind) != NULL;
}

/**
 * ud_server_change_append_json:
 * @change: a change
 * @out: where to append
 * @seq: the server sequence number to include, or 0 for none
 *
 * Appends @change in the protocol's change shape. The data member is
 * copied as it is: it is JSON text already.
 */
void
ud_server_change_append_json (const UdServerChange *change,
                              GString              *out,
                              gint64                seq)
{
  g_return_if_fail (change != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, "{\"kind\":");
  ud_json_append_string (out, change->kind);
  g_string_append (out, ",\"uuid\":");
  ud_json_append_string (out, change->uuid);
  g_string_append (out, ",\"district\":");
  ud_json_append_string (out, change->district);
  g_string_append (out, ",\"hlc\":");
  ud_json_append_string (out, change->hlc);
  g_string_append (out, ",\"base_hlc\":");
  if (change->base_hlc != NULL)
    ud_json_append_string (out, change->base_hlc);
  else
    g_string_append (out, "null");
  g_string_append (out, change->deleted ? ",\"deleted\":true" : ",\"deleted\":false");
  g_string_append (out, ",\"data\":");
  g_string_append (out, change->data != NULL ? change->data : "{}");
  if (seq > 0)
    g_string_append_printf (out, ",\"seq\":%" G_GINT64_FORMAT, seq);
  g_string_append_c (out, '}');
}

UdRecord *
ud_server_record_new (const char  *kind_name,
                      const char  *uuid,
                      const char  *district,
                      const char  *hlc,
                      gboolean     deleted,
                      const char  *data,
                      char       **refusal)
{
  const UdKind *kind = ud_kind_lookup (kind_name);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(UdRecord) record = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (refusal != NULL && *refusal == NULL, NULL);

  if (kind == NULL)
    return NULL;

  record = ud_record_new (kind);
  record->uuid = g_strdup (uuid);
  record->district = g_strdup (district);
  record->hlc = g_strdup (hlc);
  record->deleted = deleted;
  record->updated_at = g_strdup ("");
  record->updated_by = g_strdup ("");

  /* The push was checked already: an object, within the limits. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *refusal = g_strdup (_("The record’s contents are not a JSON object."));
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));

  /* Members this version does not know (a newer client's fields) are left
   * aside; missing ones and nulls are empty: as an office reads it. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      int index = ud_kind_field_index (kind, l->data);

      if (index < 0 || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        ud_record_set_nth (record, (guint) index, json_node_get_string (node));
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          char text[32];

          g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, json_node_get_int (node));
          ud_record_set_nth (record, (guint) index, text);
        }
      else
        {
          /* TRANSLATORS: a field label */
          *refusal = g_strdup_printf (_("%s: is neither text nor a whole number."),
                                      ud_kind_get_field_label (kind, l->data));
          return NULL;
        }
    }

  return g_steal_pointer (&record);
}

static void
record_unref0 (gpointer record)
{
  if (record != NULL)
    ud_record_unref (record);
}

gboolean
ud_server_push_check (UdServerPush           *push,
                      const UdReceivedStore  *store,
                      GError                **error)
{
  g_autoptr(UdReceivedBatch) batch = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (push != NULL, FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  batch = ud_received_batch_new (store);
  records = g_ptr_array_new_full (push->changes->len, record_unref0);
  for (guint i = 0; i < push->changes->len; i++)
    {
      UdServerChange *change = g_ptr_array_index (push->changes, i);
      g_autofree char *refusal = NULL;
      UdRecord *record = ud_server_record_new (change->kind, change->uuid, change->district, change->hlc,
                                               change->deleted, change->data, &refusal);

      g_ptr_array_add (records, record);
      if (refusal != NULL)
        /* TRANSLATORS: the name of a kind of record, its identifier, then why it was refused */
        change->refusal = g_strdup_printf (_("%s %s: %s"), _(ud_kind_lookup (change->kind)->label),
                                           change->uuid, refusal);
      else if (record != NULL)
        ud_received_batch_add (batch, record);
    }

  if (!ud_received_batch_check (batch, error))
    return FALSE;

  for (guint i = 0; i < push->changes->len; i++)
    {
      UdServerChange *change = g_ptr_array_index (push->changes, i);
      UdRecord *record = g_ptr_array_index (records, i);

      if (record != NULL && ud_received_batch_refusal (batch, record) != NULL)
        change->refusal = g_strdup (ud_received_batch_refusal (batch, record));
    }

  return TRUE;
}

/**
 * ud_server_json_error_body:
 * @code: a stable error code, e.g. "bad_json"
 * @message: a sentence for the person at the other end
 *
 * Returns: (transfer full): `{"error":code,"message":message}`
 */
char *
ud_server_json_error_body (const char *code,
                           const char *message)
{
  GString *out;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  out = g_string_new ("{\"error\":");
  ud_json_append_string (out, code);
  g_string_append (out, ",\"message\":");
  ud_json_append_string (out, message);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}
