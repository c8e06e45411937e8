/* ud-kind-workflow.c — the states and steps of a kind's records
 *
 * Copyright 2026 The UnionDesk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ud-kind-workflow.h"

const UdWorkflowStep *
ud_workflow_find_step (const UdWorkflow *workflow,
                       const char       *name)
{
  g_return_val_if_fail (workflow != NULL, NULL);

  for (guint i = 0; name != NULL && i < workflow->n_steps; i++)
    if (g_str_equal (workflow->steps[i].name, name))
      return &workflow->steps[i];

  return NULL;
}

const char *
ud_workflow_trail_label (const UdWorkflow *workflow,
                         const char       *step)
{
  const UdWorkflowStep *found;
  const UdPaperOpinion *paper;

  g_return_val_if_fail (workflow != NULL, NULL);
  g_return_val_if_fail (step != NULL, NULL);

  if (g_strcmp0 (step, workflow->created_step) == 0)
    return _(workflow->created_label);

  found = ud_workflow_find_step (workflow, step);
  if (found != NULL)
    return _(found->trail_label);

  paper = ud_workflow_find_paper (workflow, step);
  if (paper != NULL)
    return _(paper->label);

  return step;
}

const UdPaperOpinion *
ud_workflow_find_paper (const UdWorkflow *workflow,
                        const char       *name)
{
  g_return_val_if_fail (workflow != NULL, NULL);

  for (guint i = 0; name != NULL && i < workflow->n_steps; i++)
    for (guint j = 0; j < workflow->steps[i].n_papers; j++)
      if (g_str_equal (workflow->steps[i].papers[j].step, name))
        return &workflow->steps[i].papers[j];

  return NULL;
}
