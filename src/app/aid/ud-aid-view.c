/* ud-aid-view.c — the Aid section: programmes, batches, totals and the fund
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-aid-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ud-aid-view.h"
#include "ud-aid-batch-window.h"
#include "ud-aid-dialogs.h"
#include "ud-aid-kind.h"
#include "ud-aid-store.h"
#include "ud-money.h"
#include "ud-permission.h"
#include "ud-record-store.h"
#include "ud-ui-util.h"

/* Three pages.  Batches: the batches on the shared record table, each
 * opening in its own window (UdAidBatchWindow), and New Batch….
 * Programmes: the programmes, and the amount lines of the one selected —
 * a line per year and class of recipient, so that an amount set for a new
 * year keeps the years before as they were; the administrator sets one
 * with Set Amount….  Totals: for a year, each programme's batches, people,
 * committed and paid amounts, and the aid fund's budget and balance (the
 * administrator sets the budget).  The totals are read on the worker,
 * again whenever a batch, a payment or the fund changes. */

#define YEARS_SHOWN 6

struct _UdAidView
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  UdRecordTable *batches;
  UdRecordTable *programmes;
  UdRecordTable *amounts;
  GtkLabel      *programme_label;
  GtkWidget     *amount_button;
  GtkWidget     *open_button;
  GtkWidget     *new_button;
  GtkDropDown   *year_drop_down;
  GtkLabel      *fund_label;
  GtkWidget     *budget_button;
  GtkGrid       *totals_grid;

  UdDbWorker    *worker;
  GCancellable  *cancellable;
  UdRecord      *programme;     /* selected */
  char          *fund_text;
  char          *totals_text;
  guint          this_year;
  gboolean       busy;
  gboolean       ensured;       /* the shipped programmes asked for */
};

G_DEFINE_FINAL_TYPE (UdAidView, ud_aid_view, GTK_TYPE_WIDGET)

static GtkWindow *
parent_window (UdAidView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static guint
shown_year (UdAidView *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_drop_down);

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  return self->this_year - selected;
}

/* ---- batches ---------------------------------------------------------------- */

static void
open_batch (UdAidView *self,
            gint64     id)
{
  UdAidBatchWindow *window = ud_aid_batch_window_new (self->worker, id);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_new_batch (UdAidView *self)
{
  open_batch (self, 0);
}

static void
on_open_batch (UdAidView *self)
{
  gint64 id = ud_record_table_get_selected_id (self->batches);

  if (id != 0)
    open_batch (self, id);
}

static char *
batch_count (guint64  shown,
             guint64  total,
             gboolean filtered)
{
  g_autofree char *total_text = ud_format_count (total);
  g_autofree char *shown_text = ud_format_count (shown);

  if (filtered)
    /* TRANSLATORS: how many batches match, then how many there are */
    return g_strdup_printf (ngettext ("%s of %s batch", "%s of %s batches", (gulong) total), shown_text, total_text);
  return g_strdup_printf (ngettext ("%s batch", "%s batches", (gulong) total), total_text);
}

static void
update_actions (UdAidView *self)
{
  gtk_widget_set_visible (self->new_button, ud_db_worker_may (self->worker, ud_kind_aid_batch.edit_permission));
  gtk_widget_set_sensitive (self->open_button, ud_record_table_get_selected_id (self->batches) != 0);
  /* The amounts are the administrator's; everyone else reads them. */
  gtk_widget_set_visible (self->amount_button, ud_db_worker_may (self->worker, ud_kind_aid_amount.edit_permission));
  gtk_widget_set_sensitive (self->amount_button, self->programme != NULL);
  gtk_widget_set_visible (self->budget_button, ud_db_worker_may (self->worker, ud_kind_aid_fund.edit_permission));
}

/* ---- programmes --------------------------------------------------------------- */

static void
on_programme_selected (UdAidView *self)
{
  g_autofree char *label = NULL;

  g_clear_pointer (&self->programme, ud_record_unref);
  self->programme = ud_record_table_get_selected (self->programmes);
  if (self->programme != NULL)
    ud_record_ref (self->programme);
  if (self->programme != NULL)
    {
      const char *once = ud_record_get (self->programme, "once_a_year");

      /* TRANSLATORS: a programme's name, then whether a person is paid once a year */
      label = g_strdup_printf (_("%s — %s"), ud_record_get (self->programme, "name"),
                               g_str_equal (once, "yes") ? _("a person is paid once a year")
                                                         : _("a person may be paid more than once a year"));
      ud_record_table_set_fixed_filter (self->amounts, "programme_uuid", self->programme->uuid);
    }
  gtk_label_set_label (self->programme_label, label != NULL ? label : _("Select a programme to see its amounts."));
  gtk_widget_set_visible (GTK_WIDGET (self->amounts), self->programme != NULL);
  update_actions (self);
}

static void
on_set_amount (UdAidView *self)
{
  if (self->programme != NULL)
    ud_aid_amount_dialog_new (self->worker, parent_window (self), self->programme);
}

/* ---- totals ---------------------------------------------------------------------- */

typedef struct
{
  char  *programme;
  guint  batches;
  guint  recipients;
  guint  paid_count;
  UdFen  total;
  UdFen  paid;
} ProgrammeTotal;

typedef struct
{
  UdAidFundSummary  fund;
  GArray           *totals;     /* ProgrammeTotal */
} Totals;

static void
totals_free (Totals *totals)
{
  for (guint i = 0; i < totals->totals->len; i++)
    g_free (g_array_index (totals->totals, ProgrammeTotal, i).programme);
  g_array_unref (totals->totals);
  g_free (totals);
}

static gpointer
totals_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  guint year = GPOINTER_TO_UINT (data);
  Totals *totals = g_new0 (Totals, 1);
  g_autoptr(GPtrArray) programmes = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  totals->totals = g_array_new (FALSE, TRUE, sizeof (ProgrammeTotal));
  if (!ud_aid_fund_get_summary (db, year, &totals->fund, error) ||
      (programmes = ud_aid_programme_list (db, error)) == NULL ||
      (batches = ud_aid_batch_list (db, year, error)) == NULL)
    {
      totals_free (totals);
      return NULL;
    }

  /* Every programme, in its order, with what its batches of the year hold. */
  for (guint p = 0; p < programmes->len; p++)
    {
      const UdRecord *programme = g_ptr_array_index (programmes, p);
      ProgrammeTotal line = { g_strdup (ud_record_get (programme, "name")) };

      for (guint b = 0; b < batches->len; b++)
        {
          const UdRecord *batch = g_ptr_array_index (batches, b);

          if (!g_str_equal (ud_record_get (batch, "programme_uuid"), programme->uuid))
            continue;
          line.batches++;
          line.recipients += (guint) ud_record_get_int (batch, "recipients");
          line.paid_count += (guint) ud_record_get_int (batch, "paid_count");
          line.total += ud_record_get_int (batch, "total");
          line.paid += ud_record_get_int (batch, "paid_total");
        }
      g_array_append_val (totals->totals, line);
    }

  return totals;
}

static void
grid_text (GtkGrid    *grid,
           int         column,
           int         row,
           const char *text,
           gboolean    numeric,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
show_totals (UdAidView    *self,
             const Totals *totals)
{
  const UdAidFundSummary *fund = &totals->fund;
  const char *heads[] = { _("Programme"), _("Batches"), _("People"), _("Total"), _("People paid"), _("Amount paid") };
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *child;
  UdFen total = 0, paid = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->totals_grid))) != NULL)
    gtk_grid_remove (self->totals_grid, child);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    grid_text (self->totals_grid, (int) c, 0, heads[c], c > 0, TRUE);

  for (guint i = 0; i < totals->totals->len; i++)
    {
      const ProgrammeTotal *line = &g_array_index (totals->totals, ProgrammeTotal, i);
      g_autofree char *batches = ud_format_count (line->batches);
      g_autofree char *people = ud_format_count (line->recipients);
      g_autofree char *paid_count = ud_format_count (line->paid_count);
      g_autofree char *sum = ud_money_format (line->total);
      g_autofree char *paid_sum = ud_money_format (line->paid);

      grid_text (self->totals_grid, 0, (int) i + 1, line->programme, FALSE, FALSE);
      grid_text (self->totals_grid, 1, (int) i + 1, batches, TRUE, FALSE);
      grid_text (self->totals_grid, 2, (int) i + 1, people, TRUE, FALSE);
      grid_text (self->totals_grid, 3, (int) i + 1, sum, TRUE, FALSE);
      grid_text (self->totals_grid, 4, (int) i + 1, paid_count, TRUE, FALSE);
      grid_text (self->totals_grid, 5, (int) i + 1, paid_sum, TRUE, FALSE);
      g_string_append_printf (text, "%s\t%s\t%s\t%s\t%s\t%s\n", line->programme, batches, people, sum, paid_count, paid_sum);
      total += line->total;
      paid += line->paid;
    }

  {
    g_autofree char *sum = ud_money_format (total);
    g_autofree char *paid_sum = ud_money_format (paid);
    int row = (int) totals->totals->len + 1;

    grid_text (self->totals_grid, 0, row, _("All programmes"), FALSE, TRUE);
    grid_text (self->totals_grid, 3, row, sum, TRUE, TRUE);
    grid_text (self->totals_grid, 5, row, paid_sum, TRUE, TRUE);
  }

  g_free (self->totals_text);
  self->totals_text = g_string_free (g_steal_pointer (&text), FALSE);

  g_free (self->fund_text);
  if (fund->has_budget)
    {
      g_autofree char *budget = ud_money_format (fund->budget);
      g_autofree char *committed = ud_money_format (fund->committed);
      g_autofree char *paid_text = ud_money_format (fund->paid);
      g_autofree char *balance = ud_money_format (fund->balance);
      g_autofree char *uncommitted = ud_money_format (fund->uncommitted);

      /* TRANSLATORS: a year, its budget, committed, paid, the balance, then what is not committed */
      self->fund_text = g_strdup_printf (_("The aid fund of %u: budget %s yuan; %s yuan in batches, %s yuan paid; "
                                           "balance %s yuan, %s yuan not yet committed."),
                                         fund->year, budget, committed, paid_text, balance, uncommitted);
    }
  else
    {
      g_autofree char *committed = ud_money_format (fund->committed);
      g_autofree char *paid_text = ud_money_format (fund->paid);

      /* TRANSLATORS: a year, committed, then paid */
      self->fund_text = g_strdup_printf (_("The aid fund of %u has no budget set: %s yuan in batches, %s yuan paid."),
                                         fund->year, committed, paid_text);
    }
  gtk_label_set_label (self->fund_label, self->fund_text);
}

static void
on_totals (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdAidView) self = user_data;
  g_autoptr(GError) error = NULL;
  Totals *totals;

  totals = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (totals == NULL)
    {
      gtk_label_set_label (self->fund_label, error->message);
      return;
    }
  show_totals (self, totals);
  totals_free (totals);
}

static void
reload_totals (UdAidView *self)
{
  if (self->worker == NULL)
    return;
  self->busy = TRUE;
  ud_db_worker_run_async (self->worker, totals_job, GUINT_TO_POINTER (shown_year (self)), NULL,
                          (GDestroyNotify) totals_free, self->cancellable, on_totals, g_object_ref (self));
}

static void
on_records_changed (UdAidView  *self,
                    const char *kind)
{
  if (ud_db_worker_kind_changed (ud_kind_aid_batch.name, kind) ||
      ud_db_worker_kind_changed (ud_kind_aid_payment.name, kind) ||
      ud_db_worker_kind_changed (ud_kind_aid_fund.name, kind) ||
      ud_db_worker_kind_changed (ud_kind_aid_programme.name, kind))
    reload_totals (self);
}

/* The shipped programmes (and their amount lines) are stored the first
 * time the section is shown, as no one's change (nothing to push); then
 * the tables and the totals read (the tables may have read before, and
 * another use of the aid store may have stored them first). */
static gpointer
ensure_job (UdDatabase    *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return ud_aid_ensure_programmes (db, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
on_ensured (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(UdAidView) self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer ensured = ud_db_worker_run_finish (result, &error);

  if (ensured == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->fund_label, error->message);
      return;
    }
  ud_db_worker_notify_records_changed (self->worker, ud_kind_aid_programme.name);
  ud_db_worker_notify_records_changed (self->worker, ud_kind_aid_amount.name);
}

/* Not when the window is built: an office that never opens the section
 * stores nothing. */
static void
on_map (UdAidView *self)
{
  if (self->ensured)
    return;
  self->ensured = TRUE;
  ud_db_worker_run_async (self->worker, ensure_job, NULL, NULL, NULL, self->cancellable, on_ensured,
                          g_object_ref (self));
}

static void
on_set_budget (UdAidView *self)
{
  ud_aid_budget_dialog_new (self->worker, parent_window (self), shown_year (self));
}

/* ---- building ---------------------------------------------------------------------- */

static GtkWidget *
toolbar_new (void)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (toolbar, "toolbar");
  return toolbar;
}

static GtkWidget *
button_new (GtkWidget  *toolbar,
            const char *label,
            const char *icon,
            GCallback   callback,
            gpointer    self)
{
  GtkWidget *button = gtk_button_new ();

  if (icon != NULL)
    {
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (button), content);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), label);
      gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
    }
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (toolbar), button);
  return button;
}

static GtkWidget *
build_batches (UdAidView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = toolbar_new ();

  self->new_button = button_new (toolbar, _("_New Batch…"), "list-add-symbolic", G_CALLBACK (on_new_batch), self);
  self->open_button = button_new (toolbar, _("_Open Batch"), NULL, G_CALLBACK (on_open_batch), self);
  gtk_box_append (GTK_BOX (box), toolbar);

  self->batches = UD_RECORD_TABLE (g_object_new (UD_TYPE_RECORD_TABLE,
                                                 "kind-name", ud_kind_aid_batch.name,
                                                 "search-hint", _("Search by batch number or title"),
                                                 "empty-title", _("No Batches"),
                                                 "empty-description", _("A batch pays a programme's amount to the people it picks."),
                                                 "vexpand", TRUE,
                                                 NULL));
  ud_record_table_set_count_func (self->batches, batch_count);
  g_signal_connect_object (self->batches, "activate-record", G_CALLBACK (open_batch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->batches, "notify::selected-id", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->batches));
  return box;
}

static GtkWidget *
build_programmes (UdAidView *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = toolbar_new ();

  self->programmes = UD_RECORD_TABLE (g_object_new (UD_TYPE_RECORD_TABLE,
                                                    "kind-name", ud_kind_aid_programme.name,
                                                    "search-hint", _("Search by programme"),
                                                    "empty-title", _("No Programmes"),
                                                    "empty-description", _("The programmes come with the application."),
                                                    "width-request", 260,
                                                    NULL));
  g_signal_connect_object (self->programmes, "notify::selected-id", G_CALLBACK (on_programme_selected),
                           self, G_CONNECT_SWAPPED);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->programmes));
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);

  self->programme_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->programme_label, 0);
  gtk_label_set_wrap (self->programme_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->programme_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->programme_label), "heading");
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->programme_label));
  self->amount_button = button_new (toolbar, _("_Set Amount…"), NULL, G_CALLBACK (on_set_amount), self);
  gtk_box_append (GTK_BOX (right), toolbar);

  self->amounts = UD_RECORD_TABLE (g_object_new (UD_TYPE_RECORD_TABLE,
                                                 "kind-name", ud_kind_aid_amount.name,
                                                 "search-hint", _("Search the amounts"),
                                                 "empty-title", _("No Amounts"),
                                                 "empty-description", _("The programme gives free amounts, up to its highest."),
                                                 "vexpand", TRUE,
                                                 NULL));
  ud_record_table_set_show_filters (self->amounts, FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->amounts));
  gtk_paned_set_end_child (GTK_PANED (paned), right);
  gtk_paned_set_position (GTK_PANED (paned), 280);
  return paned;
}

static GtkWidget *
build_totals (UdAidView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *toolbar = toolbar_new ();
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Year"));

  for (guint i = 0; i < YEARS_SHOWN; i++)
    {
      g_autofree char *year = g_strdup_printf ("%u", self->this_year - i);

      gtk_string_list_append (years, year);
    }
  self->year_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (years)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->year_drop_down));
  gtk_box_append (GTK_BOX (toolbar), label);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->year_drop_down));
  g_signal_connect_swapped (self->year_drop_down, "notify::selected", G_CALLBACK (reload_totals), self);
  self->budget_button = button_new (toolbar, _("Set _Budget…"), NULL, G_CALLBACK (on_set_budget), self);
  gtk_box_append (GTK_BOX (box), toolbar);

  self->fund_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->fund_label, 0);
  gtk_label_set_wrap (self->fund_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->fund_label), "title-4");
  gtk_widget_set_margin_start (GTK_WIDGET (self->fund_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->fund_label), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->fund_label));

  self->totals_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->totals_grid, 24);
  gtk_grid_set_row_spacing (self->totals_grid, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->totals_grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->totals_grid), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->totals_grid));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  return scroller;
}

static void
ud_aid_view_dispose (GObject *object)
{
  UdAidView *self = UD_AID_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->programme, ud_record_unref);

  G_OBJECT_CLASS (ud_aid_view_parent_class)->dispose (object);
}

static void
ud_aid_view_finalize (GObject *object)
{
  UdAidView *self = UD_AID_VIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->fund_text);
  g_free (self->totals_text);

  G_OBJECT_CLASS (ud_aid_view_parent_class)->finalize (object);
}

static void
ud_aid_view_class_init (UdAidViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ud_aid_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = ud_aid_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
ud_aid_view_init (UdAidView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *switcher = adw_view_switcher_new ();
  AdwViewStackPage *page;

  self->cancellable = g_cancellable_new ();
  self->this_year = (guint) g_date_time_get_year (now);

  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), build_batches (self), "batches", _("Batches"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), build_programmes (self), "programmes", _("Programmes"));
  adw_view_stack_page_set_icon_name (page, "x-office-spreadsheet-symbolic");
  page = adw_view_stack_add_titled (ADW_VIEW_STACK (stack), build_totals (self), "totals", _("Totals and Fund"));
  adw_view_stack_page_set_icon_name (page, "accessories-calculator-symbolic");
  gtk_widget_set_vexpand (stack, TRUE);

  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->box), switcher);
  gtk_box_append (GTK_BOX (self->box), stack);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
ud_aid_view_new (UdDbWorker *worker)
{
  UdAidView *self;

  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);

  self = g_object_new (UD_TYPE_AID_VIEW, NULL);
  self->worker = g_object_ref (worker);
  ud_record_table_set_worker (self->batches, worker);
  ud_record_table_set_worker (self->programmes, worker);
  ud_record_table_set_worker (self->amounts, worker);
  gtk_widget_set_visible (GTK_WIDGET (self->amounts), FALSE);
  gtk_label_set_label (self->programme_label, _("Select a programme to see its amounts."));
  g_signal_connect_object (worker, "records-changed", G_CALLBACK (on_records_changed), self, G_CONNECT_SWAPPED);
  update_actions (self);
  /* The totals are read once the shipped programmes are there. */
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  return GTK_WIDGET (self);
}

UdRecordTable *
ud_aid_view_get_batches (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), NULL);

  return self->batches;
}

UdRecordTable *
ud_aid_view_get_programmes (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), NULL);

  return self->programmes;
}

UdRecordTable *
ud_aid_view_get_amounts (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), NULL);

  return self->amounts;
}

const char *
ud_aid_view_get_fund_text (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), NULL);

  return self->fund_text;
}

const char *
ud_aid_view_get_totals_text (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), NULL);

  return self->totals_text;
}

gboolean
ud_aid_view_get_busy (UdAidView *self)
{
  g_return_val_if_fail (UD_IS_AID_VIEW (self), FALSE);

  return self->busy;
}
