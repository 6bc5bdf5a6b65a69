// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.SecretObject;
import io.ascp.core.internal.FileLayout;
import io.ascp.core.internal.JsonKeyExtractor;
import io.ascp.core.internal.PlannedFile;
import java.util.ArrayList;
import java.util.List;

/** The production file planner and value extractor of the mount pipeline. */
final class DefaultStages {
  private DefaultStages() {}

  /** {@link FileLayout}'s plan, indexed by object and JMESPath entry for the pipeline. */
  static MountPipeline.FilePlanner planner() {
    return (parameters, defaultMode) -> {
      List<PlannedFile> planned = FileLayout.plan(parameters, defaultMode).files();
      List<SecretObject> objects = parameters.objects();
      List<FileSlot> slots = new ArrayList<>(planned.size());
      int k = 0;
      for (int i = 0; i < objects.size(); i++) {
        SecretObject object = objects.get(i);
        for (int j = -1; j < object.jmesPath().size(); j++) {
          PlannedFile file = planned.get(k++);
          boolean matches =
              file.object().equals(object)
                  && (j < 0
                      ? file.jmesPath().isEmpty()
                      : file.jmesPath().equals(java.util.Optional.of(object.jmesPath().get(j))));
          if (!matches) {
            throw new IllegalStateException("the file plan is out of order at " + file.path());
          }
          slots.add(new FileSlot(i, j, file.path(), file.mode()));
        }
      }
      if (k != planned.size()) {
        throw new IllegalStateException("the file plan has " + planned.size() + " files, not " + k);
      }
      return slots;
    };
  }

  static MountPipeline.ValueExtractor extractor() {
    return JsonKeyExtractor::extract;
  }
}
