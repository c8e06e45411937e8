/* ud-print-preview.c — the print preview of a form: the relief approval form, or any document
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ud-print-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "ud-print-preview.h"
#include "ud-print-preview-private.h"
#include "ud-audit.h"
#include "ud-illness-print.h"
#include "ud-illness-store.h"
#include "ud-permission.h"
#include "ud-ui-util.h"

/* The form is built once, on the database worker (it reads the member,
 * the catalogue and the trail), and turned into a PDF there.  Poppler
 * shows that PDF; the print dialog and "Save as PDF" use the UdDocument
 * itself, so that what is printed is drawn by the same code as the PDF,
 * not a picture of it.
 *
 * Pages are rendered on one thread of their own (Poppler documents must
 * not be used from two threads at once), into textures shown by
 * GtkPictures.  A render that belongs to an old zoom is dropped.
 *
 * Printing and saving are recorded in the audit trail with
 * ud_illness_print_audit(), once each time, after the print was handed to
 * the printing system or the file was written; a file whose record could
 * not be written is removed again, as the CLI does.
 *
 * Any other document comes from a UdPrintFormFunc run on the worker (the
 * aid receipt list …); its print is recorded under each record it names. */

/* poppler 22.12 has no g_autoptr for its types. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define PAGE_GAP        16     /* px between pages and around them */
#define PX_PER_PT       (96.0 / 72.0)
#define MIN_ZOOM        0.25
#define MAX_ZOOM        4.0

static const double zoom_steps[] = { 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0 };

/* What the render thread shares with the window. */
typedef struct
{
  gatomicrefcount  ref_count;
  GWeakRef         preview;
  PopplerDocument *pdf;          /* used on the render thread only */
  gint             generation;   /* atomic: renders of older ones are dropped */
} RenderShared;

typedef struct
{
  RenderShared *shared;
  guint         page;
  double        scale;         /* device pixels per point */
  int           generation;
  GdkTexture   *texture;       /* out */
  double        ms;            /* out */
} RenderJob;

struct _UdPrintPreview
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkSpinner       *spinner;
  GtkScrolledWindow *scroller;
  GtkBox           *pages_box;
  GtkLabel         *page_label;
  GtkLabel         *zoom_label;

  /* Owned */
  UdDbWorker       *worker;
  char             *application_uuid;
  UdPrintFormFunc   form_func;         /* or a document of any kind */
  gpointer          form_data;
  GDestroyNotify    form_data_free;
  GPtrArray        *records;           /* what its print is recorded under */
  char             *subtitle;
  char             *file_name;
  GCancellable     *cancellable;       /* the window's lifetime */
  UdRecord         *application;
  UdDocument       *document;
  GBytes           *pdf_bytes;
  RenderShared     *render;
  GThreadPool      *render_pool;
  GPtrArray        *pictures;          /* GtkPicture per page (borrowed from pages_box) */
  GArray           *page_sizes;        /* graphene_size_t, points */
  char             *error_message;
  GtkPrintSettings *print_settings;    /* the print dialog's last choices */
  char             *export_path;       /* printing to a file without the dialog (tests) */

  double            zoom;
  gboolean          fit;               /* zoom follows the window's width */
  gboolean          busy;              /* printing or saving: the document is in use */
  gboolean          may_print;
  guint             n_rendered;        /* at the current zoom */
  guint             fit_idle;
  double            render_ms_total;
  guint             render_count;
  guint             saves;             /* finished saves, for tests */
  guint             audits;            /* prints and saves recorded */
};

G_DEFINE_FINAL_TYPE (UdPrintPreview, ud_print_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WORKER,
  PROP_APPLICATION_UUID,
  PROP_FORM_JOB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (UdPrintPreview *self);

/* Rendering --------------------------------------------------------------- */

static RenderShared *
render_shared_new (UdPrintPreview  *preview,
                   PopplerDocument *pdf)
{
  RenderShared *shared = g_new0 (RenderShared, 1);

  g_atomic_ref_count_init (&shared->ref_count);
  g_weak_ref_init (&shared->preview, preview);
  shared->pdf = g_object_ref (pdf);

  return shared;
}

static RenderShared *
render_shared_ref (RenderShared *shared)
{
  g_atomic_ref_count_inc (&shared->ref_count);
  return shared;
}

static void
render_shared_unref (RenderShared *shared)
{
  if (g_atomic_ref_count_dec (&shared->ref_count))
    {
      g_weak_ref_clear (&shared->preview);
      g_clear_object (&shared->pdf);
      g_free (shared);
    }
}

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->shared, render_shared_unref);
  g_clear_object (&job->texture);
  g_free (job);
}

/* One page into a texture: white paper, then the page. */
static GdkTexture *
render_page (PopplerDocument *pdf,
             guint            index,
             double           scale)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, (int) index);
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width_pt, height_pt;
  int width, height;

  if (page == NULL)
    return NULL;

  poppler_page_get_size (page, &width_pt, &height_pt);
  width = MAX (1, (int) ceil (width_pt * scale));
  height = MAX (1, (int) ceil (height_pt * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  /* The bytes keep the surface alive as long as the texture needs them. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

static gboolean
render_done (gpointer data)
{
  RenderJob *job = data;
  g_autoptr(UdPrintPreview) self = g_weak_ref_get (&job->shared->preview);

  if (self == NULL || job->generation != g_atomic_int_get (&job->shared->generation) ||
      job->page >= self->pictures->len)
    return G_SOURCE_REMOVE;

  if (job->texture != NULL)
    gtk_picture_set_paintable (g_ptr_array_index (self->pictures, job->page), GDK_PAINTABLE (job->texture));
  self->n_rendered++;
  self->render_ms_total += job->ms;
  self->render_count++;
  g_debug ("page %u rendered at %.0f%% in %.1f ms", job->page + 1, self->zoom * 100, job->ms);

  return G_SOURCE_REMOVE;
}

static void
render_thread (gpointer data,
               gpointer pool_data)
{
  RenderJob *job = data;
  gint64 start;

  if (job->generation == g_atomic_int_get (&job->shared->generation))
    {
      start = g_get_monotonic_time ();
      job->texture = render_page (job->shared->pdf, job->page, job->scale);
      job->ms = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, render_done, job, (GDestroyNotify) render_job_free);
}

static void
render_pages (UdPrintPreview *self)
{
  double scale;
  int generation;

  if (self->render == NULL)
    return;

  scale = self->zoom * PX_PER_PT * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  generation = g_atomic_int_add (&self->render->generation, 1) + 1;
  self->n_rendered = 0;

  for (guint i = 0; i < self->pictures->len; i++)
    {
      RenderJob *job = g_new0 (RenderJob, 1);

      job->shared = render_shared_ref (self->render);
      job->page = i;
      job->scale = scale;
      job->generation = generation;
      g_thread_pool_push (self->render_pool, job, NULL);
    }
}

/* Zoom and pages ----------------------------------------------------------- */

static double
fit_zoom (UdPrintPreview *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  double available = gtk_adjustment_get_page_size (hadjustment) - 2 * PAGE_GAP;
  double widest = 0;

  for (guint i = 0; i < self->page_sizes->len; i++)
    widest = MAX (widest, g_array_index (self->page_sizes, graphene_size_t, i).width);

  if (available <= 0 || widest <= 0)
    return 1.0;

  return CLAMP (available / (widest * PX_PER_PT), MIN_ZOOM, MAX_ZOOM);
}

static void
set_zoom (UdPrintPreview *self,
          double          zoom,
          gboolean        fit)
{
  g_autofree char *label = NULL;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->fit = fit;
  /* Fitting follows every change of width; a few pixels do not matter. */
  if (fabs (zoom - self->zoom) < 0.005 && self->n_rendered > 0)
    {
      update_actions (self);
      return;
    }

  self->zoom = zoom;
  /* TRANSLATORS: the zoom of the print preview, e.g. 100% */
  label = g_strdup_printf (_("%.0f%%"), zoom * 100);
  gtk_label_set_label (self->zoom_label, label);

  for (guint i = 0; i < self->pictures->len; i++)
    {
      graphene_size_t *size = &g_array_index (self->page_sizes, graphene_size_t, i);

      gtk_widget_set_size_request (g_ptr_array_index (self->pictures, i),
                                   (int) round (size->width * PX_PER_PT * zoom),
                                   (int) round (size->height * PX_PER_PT * zoom));
    }

  render_pages (self);
  update_actions (self);
}

static gboolean
fit_idle (gpointer data)
{
  UdPrintPreview *self = data;

  self->fit_idle = 0;
  if (self->fit && self->pictures->len > 0)
    set_zoom (self, fit_zoom (self), TRUE);

  return G_SOURCE_REMOVE;
}

/* Not while the scrolled window is being allocated: a new size request
 * then would only be seen at the next frame anyway. */
static void
on_width_changed (UdPrintPreview *self)
{
  if (self->fit && self->fit_idle == 0)
    self->fit_idle = g_idle_add (fit_idle, self);
}

/* "Page 2 of 3": the page at the middle of the view. */
static void
update_page_label (UdPrintPreview *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double middle = gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment) / 2;
  g_autofree char *label = NULL;
  guint current = 0;

  for (guint i = 0; i < self->pictures->len; i++)
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (g_ptr_array_index (self->pictures, i), GTK_WIDGET (self->pages_box), &bounds) &&
          bounds.origin.y - PAGE_GAP / 2.0 <= middle)
        current = i;
    }

  /* TRANSLATORS: the page shown in the print preview, of the pages the document has */
  label = g_strdup_printf (_("Page %u of %u"), current + 1, self->pictures->len);
  gtk_label_set_label (self->page_label, label);
}

static void
show_pages (UdPrintPreview  *self,
            PopplerDocument *pdf)
{
  int n_pages = poppler_document_get_n_pages (pdf);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, i);
      graphene_size_t size;
      GtkWidget *picture;
      g_autofree char *name = NULL;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      graphene_size_init (&size, (float) width, (float) height);
      g_array_append_val (self->page_sizes, size);

      picture = gtk_picture_new ();
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "preview-page");
      /* TRANSLATORS: the accessible name of one page in the print preview */
      name = g_strdup_printf (_("Page %d"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->pages_box, picture);
      g_ptr_array_add (self->pictures, picture);
    }

  /* Rendering uses the PDF from now on: the window leaves it alone. */
  self->render = render_shared_new (self, pdf);
  gtk_stack_set_visible_child_name (self->stack, "pages");
  self->zoom = 0;
  set_zoom (self, self->fit ? fit_zoom (self) : 1.0, self->fit);
  update_page_label (self);
}

static void
show_error (UdPrintPreview *self,
            const char     *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_actions (self);
}

/* Loading ------------------------------------------------------------------ */

typedef struct
{
  UdRecord    *application;
  UdPrintForm *form;
  UdDocument  *document;
  GBytes      *pdf;
  gboolean     may_print;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->application, ud_record_unref);
  g_clear_pointer (&loaded->form, ud_print_form_free);
  g_clear_object (&loaded->document);
  g_clear_pointer (&loaded->pdf, g_bytes_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (UdDatabase    *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if ((loaded->application = ud_illness_store_find (db, data, error)) == NULL ||
      (loaded->document = ud_illness_print_build (db, loaded->application, error)) == NULL ||
      (loaded->pdf = ud_document_to_pdf (loaded->document, error)) == NULL)
    return NULL;

  loaded->may_print = ud_database_may (db, UD_PERMISSION_PRINT_FORMS);

  return g_steal_pointer (&loaded);
}

typedef struct
{
  UdPrintFormFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
} FormJob;

static void
form_job_free (FormJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static gpointer
load_form_job (UdDatabase    *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  FormJob *job = data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);

  if ((loaded->form = job->func (db, job->data, error)) == NULL)
    return NULL;
  g_return_val_if_fail (UD_IS_DOCUMENT (loaded->form->document), NULL);
  loaded->document = g_object_ref (loaded->form->document);
  if ((loaded->pdf = ud_document_to_pdf (loaded->document, error)) == NULL)
    return NULL;

  loaded->may_print = ud_database_may (db, UD_PERMISSION_PRINT_FORMS);

  return g_steal_pointer (&loaded);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UdPrintPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  const char *serial;

  loaded = ud_db_worker_run_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  if (loaded == NULL)
    {
      show_error (self, error->message);
      return;
    }

  pdf = poppler_document_new_from_bytes (loaded->pdf, NULL, &error);
  if (pdf == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is Poppler's reason */
      message = g_strdup_printf (_("The form was made but cannot be shown: %s"), error->message);
      show_error (self, message);
      return;
    }

  self->document = g_steal_pointer (&loaded->document);
  self->pdf_bytes = g_steal_pointer (&loaded->pdf);
  self->may_print = loaded->may_print;

  if (loaded->form != NULL)
    {
      self->records = loaded->form->records != NULL ? g_ptr_array_ref (loaded->form->records)
                                                    : g_ptr_array_new ();
      self->subtitle = g_strdup (loaded->form->subtitle);
      self->file_name = g_strdup (loaded->form->file_name);
      if (loaded->form->title != NULL)
        {
          adw_window_title_set_title (self->window_title, loaded->form->title);
          gtk_window_set_title (GTK_WINDOW (self), loaded->form->title);
        }
      serial = self->subtitle;
    }
  else
    {
      self->application = g_steal_pointer (&loaded->application);
      serial = ud_record_get (self->application, "serial");
    }
  adw_window_title_set_subtitle (self->window_title, serial);
  show_pages (self, pdf);
}

/* Audit -------------------------------------------------------------------- */

typedef struct
{
  UdRecord  *application;
  GPtrArray *records;             /* or a document of another kind's */
  char      *title;
  char      *destination;
  char      *remove_on_failure;   /* a saved file, or NULL */
} AuditData;

static void
audit_data_free (AuditData *audit)
{
  g_clear_pointer (&audit->application, ud_record_unref);
  g_clear_pointer (&audit->records, g_ptr_array_unref);
  g_free (audit->title);
  g_free (audit->destination);
  g_free (audit->remove_on_failure);
  g_free (audit);
}

static gpointer
audit_job (UdDatabase    *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  AuditData *audit = data;
  gboolean recorded;

  if (audit->records != NULL)
    {
      g_autofree char *what = g_strdup_printf ("%s → %s", audit->title, audit->destination);

      recorded = ud_database_begin (db, error);
      for (guint i = 0; recorded && i < audit->records->len; i++)
        {
          const UdRecord *record = g_ptr_array_index (audit->records, i);

          recorded = ud_database_audit_print (db, record->kind->name, record->uuid, what, error);
        }
      if (recorded)
        recorded = ud_database_commit (db, error);
      if (!recorded)
        ud_database_rollback (db);
    }
  else
    recorded = ud_illness_print_audit (db, audit->application, audit->destination, error);

  if (!recorded)
    {
      /* A saved form that is not in the trail is not handed out. */
      if (audit->remove_on_failure != NULL)
        g_unlink (audit->remove_on_failure);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  UdPrintPreview *self;
  gboolean        saved;
  char           *display_name;
} AuditCallback;

static void
on_audited (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AuditCallback *callback = user_data;
  g_autoptr(UdPrintPreview) self = callback->self;
  g_autofree char *display_name = callback->display_name;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean saved = callback->saved;

  g_free (callback);

  if (ud_db_worker_run_finish (result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s is the reason the record could not be written */
      message = saved ? g_strdup_printf (_("The PDF was not kept: its record in the audit trail could not be written. %s"), error->message)
                      : g_strdup_printf (_("The form was printed, but its record in the audit trail could not be written. %s"), error->message);
    }
  else
    {
      self->audits++;
      if (saved)
        self->saves++;
      /* TRANSLATORS: %s is the name of the saved file */
      message = saved ? g_strdup_printf (_("Saved as %s"), display_name)
                      : g_strdup (_("Sent to the printer"));
    }

  self->busy = FALSE;
  update_actions (self);
  ud_widget_show_message (GTK_WIDGET (self), message);
}

static void
record_print (UdPrintPreview *self,
              const char     *destination,
              const char     *saved_path,
              const char     *display_name)
{
  AuditData *audit = g_new0 (AuditData, 1);
  AuditCallback *callback = g_new0 (AuditCallback, 1);

  if (self->records != NULL)
    {
      audit->records = g_ptr_array_ref (self->records);
      audit->title = g_strdup_printf ("%s %s", ud_document_get_title (self->document), self->subtitle);
    }
  else
    audit->application = ud_record_ref (self->application);
  audit->destination = g_strdup (destination);
  audit->remove_on_failure = g_strdup (saved_path);

  callback->self = g_object_ref (self);
  callback->saved = saved_path != NULL;
  callback->display_name = g_strdup (display_name);

  ud_db_worker_run_async (self->worker, audit_job, audit, (GDestroyNotify) audit_data_free, NULL,
                          self->cancellable, on_audited, callback);
}

/* Save as PDF -------------------------------------------------------------- */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UdPrintPreview *self = source_object;
  GError *error = NULL;

  /* Only this thread uses the document now: printing and saving wait
   * for each other (self->busy). */
  if (!ud_document_write_pdf (self->document, task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (source);
  g_autoptr(GError) error = NULL;
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autofree char *display_name = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->busy = FALSE;
      update_actions (self);
      ud_widget_show_message (GTK_WIDGET (self), error->message);
      return;
    }

  display_name = g_filename_display_basename (path);
  record_print (self, path, path, display_name);
}

void
ud_print_preview_save_to_file (UdPrintPreview *self,
                               GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (UD_IS_PRINT_PREVIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->document == NULL || self->busy)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      ud_widget_show_message (GTK_WIDGET (self), _("The PDF can only be saved to a folder on this computer."));
      return;
    }

  self->busy = TRUE;
  update_actions (self);

  task = g_task_new (self, self->cancellable, on_saved, NULL);
  g_task_set_source_tag (task, ud_print_preview_save_to_file);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_save_chosen (GtkWidget *owner,
                GFile     *file)
{
  ud_print_preview_save_to_file (UD_PRINT_PREVIEW (owner), file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->document == NULL || self->busy)
    return;

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* The form's own name, the same in every language, and its serial. */
  if (self->file_name != NULL)
    name = g_strdup (self->file_name);
  else
    name = g_strdup_printf ("重大疾病救助审批表-%s.pdf", ud_record_get (self->application, "serial"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  ud_file_chooser_run (chooser, widget, on_save_chosen);
}

/* Print -------------------------------------------------------------------- */

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              UdPrintPreview    *self)
{
  /* Points, from the sheet's top-left corner (use-full-page): what
   * ud_document_draw_page() expects. */
  ud_document_draw_page (self->document, (guint) page, gtk_print_context_get_cairo_context (context));
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               UdPrintPreview          *self)
{
  g_autoptr(GError) error = NULL;
  GtkPrintSettings *settings;
  const char *destination = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      /* TRANSLATORS: %s is the printing system's reason */
      message = g_strdup_printf (_("The form could not be printed: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      self->busy = FALSE;
      update_actions (self);
      ud_widget_show_message (GTK_WIDGET (self), message);
      return;
    }

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      self->busy = FALSE;
      update_actions (self);
      return;
    }

  settings = gtk_print_operation_get_print_settings (operation);
  g_set_object (&self->print_settings, settings);
  destination = self->export_path;
  if (destination == NULL && settings != NULL)
    destination = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
  if (destination == NULL && settings != NULL)
    destination = gtk_print_settings_get_printer (settings);
  /* TRANSLATORS: the printer's name when the print dialog did not give one */
  record_print (self, destination != NULL ? destination : _("printer"), NULL, NULL);
}

static void
run_print (UdPrintPreview          *self,
           GtkPrintOperationAction  action,
           const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPaperSize) a4 = NULL;
  g_autoptr(GError) error = NULL;
  gboolean landscape;

  if (self->document == NULL || self->busy)
    return;

  landscape = ud_document_get_page_width (self->document) > ud_document_get_page_height (self->document);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  page_setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, a4);
  gtk_page_setup_set_orientation (page_setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, self->application != NULL ? ud_record_get (self->application, "serial")
                                                                        : self->subtitle);
  gtk_print_operation_set_n_pages (operation, (int) ud_document_get_n_pages (self->document));
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_free (self->export_path);
  self->export_path = g_strdup (export_path);

  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);

  self->busy = TRUE;
  update_actions (self);

  /* With allow-async the result comes through ::done, except for an
   * error before the dialog. */
  if (gtk_print_operation_run (operation, action, GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      self->busy)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The form could not be printed: %s"), error->message);
      self->busy = FALSE;
      update_actions (self);
      ud_widget_show_message (GTK_WIDGET (self), message);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  run_print (UD_PRINT_PREVIEW (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* Actions ------------------------------------------------------------------ */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 0.001)
      {
        set_zoom (self, zoom_steps[i], FALSE);
        return;
      }
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (widget);

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 0.001)
      {
        set_zoom (self, zoom_steps[i - 1], FALSE);
        return;
      }
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (widget);

  set_zoom (self, fit_zoom (self), TRUE);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_zoom (UD_PRINT_PREVIEW (widget), 1.0, FALSE);
}

static void
update_actions (UdPrintPreview *self)
{
  gboolean shown = self->pictures->len > 0;
  gboolean ready = shown && self->document != NULL && !self->busy && self->may_print;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", shown && self->zoom < MAX_ZOOM - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", shown && self->zoom > MIN_ZOOM + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-fit", shown && !self->fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-reset", shown);
}

/* GObject ------------------------------------------------------------------ */

static void
ud_print_preview_constructed (GObject *object)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (object);

  G_OBJECT_CLASS (ud_print_preview_parent_class)->constructed (object);

  g_return_if_fail (self->worker != NULL);

  gtk_spinner_start (self->spinner);
  if (self->form_func != NULL)
    {
      FormJob *job = g_new0 (FormJob, 1);

      job->func = self->form_func;
      job->data = g_steal_pointer (&self->form_data);
      job->data_free = self->form_data_free;
      ud_db_worker_run_async (self->worker, load_form_job, job, (GDestroyNotify) form_job_free,
                              (GDestroyNotify) loaded_free, self->cancellable, on_loaded, g_object_ref (self));
      return;
    }

  g_return_if_fail (self->application_uuid != NULL);
  ud_db_worker_run_async (self->worker, load_job, g_strdup (self->application_uuid), g_free,
                          (GDestroyNotify) loaded_free, self->cancellable, on_loaded, g_object_ref (self));
}

static void
ud_print_preview_dispose (GObject *object)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  /* Waits for the page being rendered; the rest are dropped. */
  if (self->render != NULL)
    g_atomic_int_inc (&self->render->generation);
  if (self->render_pool != NULL)
    {
      g_thread_pool_free (self->render_pool, FALSE, TRUE);
      self->render_pool = NULL;
    }
  g_clear_handle_id (&self->fit_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), UD_TYPE_PRINT_PREVIEW);

  g_clear_object (&self->worker);
  g_clear_object (&self->document);
  g_clear_object (&self->print_settings);
  g_clear_pointer (&self->application, ud_record_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->render, render_shared_unref);

  G_OBJECT_CLASS (ud_print_preview_parent_class)->dispose (object);
}

static void
ud_print_preview_finalize (GObject *object)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pdf_bytes, g_bytes_unref);
  g_clear_pointer (&self->pictures, g_ptr_array_unref);
  g_clear_pointer (&self->page_sizes, g_array_unref);
  g_free (self->application_uuid);
  g_free (self->subtitle);
  g_free (self->file_name);
  g_free (self->error_message);
  g_free (self->export_path);

  G_OBJECT_CLASS (ud_print_preview_parent_class)->finalize (object);
}

static void
ud_print_preview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UdPrintPreview *self = UD_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;

    case PROP_APPLICATION_UUID:
      self->application_uuid = g_value_dup_string (value);
      break;
    case PROP_FORM_JOB:
      {
        const FormJob *job = g_value_get_pointer (value);

        if (job != NULL)
          {
            self->form_func = job->func;
            self->form_data = job->data;
            self->form_data_free = job->data_free;
          }
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ud_print_preview_class_init (UdPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ud_print_preview_constructed;
  object_class->dispose = ud_print_preview_dispose;
  object_class->finalize = ud_print_preview_finalize;
  object_class->set_property = ud_print_preview_set_property;

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, UD_TYPE_DB_WORKER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPLICATION_UUID] =
    g_param_spec_string ("application-uuid", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A FormJob *, read once while the window is made. */
  properties[PROP_FORM_JOB] =
    g_param_spec_pointer ("form-job", NULL, NULL,
                          G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/uniondesk/UnionDesk/widgets/ud-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, scroller);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, pages_box);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, UdPrintPreview, zoom_label);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-reset", NULL, zoom_reset_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "preview.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ud_print_preview_init (UdPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pictures = g_ptr_array_new ();
  self->page_sizes = g_array_new (FALSE, FALSE, sizeof (graphene_size_t));
  self->fit = TRUE;
  self->zoom = 1.0;
  /* One thread: a Poppler document is not to be used from two at once. */
  self->render_pool = g_thread_pool_new (render_thread, NULL, 1, FALSE, NULL);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->scroller), "notify::page-size",
                           G_CALLBACK (on_width_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                           G_CALLBACK (update_page_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (update_page_label), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Public ------------------------------------------------------------------- */

UdPrintPreview *
ud_print_preview_new (UdDbWorker *worker,
                      const char *application_uuid)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (application_uuid != NULL, NULL);

  return g_object_new (UD_TYPE_PRINT_PREVIEW,
                       "worker", worker,
                       "application-uuid", application_uuid,
                       NULL);
}

UdPrintPreview *
ud_print_preview_new_for_form (UdDbWorker      *worker,
                               UdPrintFormFunc  build,
                               gpointer         data,
                               GDestroyNotify   data_free)
{
  g_return_val_if_fail (UD_IS_DB_WORKER (worker), NULL);
  g_return_val_if_fail (build != NULL, NULL);

  /* The job starts once the window is made (constructed()): the form's
   * function is known before, as a construct-time setting. */
  return g_object_new (UD_TYPE_PRINT_PREVIEW,
                       "worker", worker,
                       "form-job", &(FormJob) { build, data, data_free },
                       NULL);
}

void
ud_print_form_free (UdPrintForm *form)
{
  if (form == NULL)
    return;

  g_clear_object (&form->document);
  g_clear_pointer (&form->records, g_ptr_array_unref);
  g_free (form->title);
  g_free (form->subtitle);
  g_free (form->file_name);
  g_free (form);
}

guint
ud_print_preview_get_n_pages (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), 0);

  return self->pictures->len;
}

gboolean
ud_print_preview_get_rendered (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), FALSE);

  return self->pictures->len > 0 && self->n_rendered == self->pictures->len;
}

const char *
ud_print_preview_get_error (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), NULL);

  return self->error_message;
}

double
ud_print_preview_get_zoom (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), 1.0);

  return self->zoom;
}

double
ud_print_preview_get_render_ms (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), 0);

  return self->render_count > 0 ? self->render_ms_total / self->render_count : 0;
}

guint
ud_print_preview_get_audits (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), 0);

  return self->audits;
}

gboolean
ud_print_preview_get_busy (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), FALSE);

  return self->busy;
}

const char *
ud_print_preview_get_page_text (UdPrintPreview *self)
{
  g_return_val_if_fail (UD_IS_PRINT_PREVIEW (self), NULL);

  return gtk_label_get_label (self->page_label);
}

void
ud_print_preview_print_to_file (UdPrintPreview *self,
                                const char     *path)
{
  g_return_if_fail (UD_IS_PRINT_PREVIEW (self));
  g_return_if_fail (path != NULL);

  run_print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, path);
}
