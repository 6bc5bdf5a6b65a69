// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.MountParameters;
import io.ascp.api.ObjectType;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FileLayoutTest {
  private static final String ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:db/prod-AbCdEf";

  private static SecretObject.Builder sm(String name) {
    return SecretObject.builder(name, ObjectType.SECRETS_MANAGER);
  }

  private static List<String> paths(FileLayout.Plan plan) {
    return plan.files().stream().map(PlannedFile::path).toList();
  }

  @Nested
  class Names {
    @Test
    void theDefaultTranslationReplacesEverySlash() {
      assertThat(FileLayout.fileName("mypath/MySecret", PathTranslation.DEFAULT))
          .isEqualTo("mypath_MySecret");
      assertThat(FileLayout.fileName("/a/b", PathTranslation.DEFAULT)).isEqualTo("_a_b");
    }

    @Test
    void anotherTranslationCharacter() {
      assertThat(FileLayout.fileName("mypath/MySecret", PathTranslation.of('-')))
          .isEqualTo("mypath-MySecret");
    }

    @Test
    void translationOffStripsLeadingSlashesAndKeepsInnerOnes() {
      assertThat(FileLayout.fileName("/MySecret", PathTranslation.DISABLED)).isEqualTo("MySecret");
      assertThat(FileLayout.fileName("//mypath/x", PathTranslation.DISABLED)).isEqualTo("mypath/x");
    }

    @Test
    void anArnKeepsItsColons() {
      assertThat(paths(FileLayout.plan(List.of(sm(ARN).build()), PathTranslation.DEFAULT, 0644)))
          .containsExactly("arn:aws:secretsmanager:us-east-1:123456789012:secret:db_prod-AbCdEf");
    }

    @Test
    void theAliasReplacesTheName() {
      SecretObject o = sm("a/b").objectAlias("alias/x").build();
      assertThat(paths(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644)))
          .containsExactly("alias_x");
    }

    @Test
    void jmesPathAliasesAreTranslatedToo() {
      SecretObject o = sm("s").addJmesPath(JmesPathEntry.of("u", "/db/user")).build();
      assertThat(paths(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644)))
          .containsExactly("s", "_db_user");
      assertThat(paths(FileLayout.plan(List.of(o), PathTranslation.DISABLED, 0644)))
          .containsExactly("s", "db/user");
    }

    @Test
    void filesComeInObjectOrderMainFileFirst() {
      SecretObject a =
          sm("a")
              .addJmesPath(JmesPathEntry.of("p", "a1"))
              .addJmesPath(JmesPathEntry.of("q", "a2"))
              .build();
      SecretObject b = SecretObject.builder("b", ObjectType.SSM_PARAMETER).build();
      FileLayout.Plan plan = FileLayout.plan(List.of(b, a), PathTranslation.DEFAULT, 0644);
      assertThat(paths(plan)).containsExactly("b", "a", "a1", "a2");
      assertThat(plan.files().get(2).jmesPath()).contains(JmesPathEntry.of("p", "a1"));
      assertThat(plan.files().get(1).jmesPath()).isEmpty();
      assertThat(plan.files().get(3).object()).isEqualTo(a);
    }

    @Test
    void theVersionIdIsTheFileName() {
      SecretObject o = sm("x/y").addJmesPath(JmesPathEntry.of("u", "user")).build();
      assertThat(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644).files())
          .extracting(PlannedFile::objectVersionId)
          .containsExactly("x_y", "user");
    }

    @Test
    void parametersBuiltInCodeAreCheckedToo() {
      SecretObject o = sm("../../etc/shadow").build();
      assertThatThrownBy(() -> FileLayout.plan(List.of(o), PathTranslation.DISABLED, 0644))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
          .hasMessageStartingWith("path can not contain ../: ../../etc/shadow");
    }

    @Test
    void aNameStartingWithTwoDotsIsReservedForTheAtomicWriterLayout() {
      // "../x" becomes ".._x" with the default translation: harmless as a path, but the driver
      // rejects it and the kubelet layout keeps "..data" and "..<timestamp>" there.
      for (String alias : List.of("../x", "..data", "..2026_01_01")) {
        SecretObject o = sm("s").objectAlias(alias).build();
        assertThatThrownBy(() -> FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644))
            .isInstanceOfSatisfying(
                AscpException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
            .hasMessageContaining("of object s: it starts with \"..\"");
      }
      assertThat(
              FileLayout.plan(
                      List.of(sm("s").objectAlias("a..b").build()), PathTranslation.DEFAULT, 0644)
                  .files())
          .extracting(PlannedFile::path)
          .containsExactly("a..b");
    }

    @Test
    void collisionsInParametersBuiltInCode() {
      List<SecretObject> objects = List.of(sm("a").build(), sm("b").objectAlias("a").build());
      assertThatThrownBy(() -> FileLayout.plan(objects, PathTranslation.DEFAULT, 0644))
          .hasMessage("File name collision: object b and object a both produce the file \"a\"");
    }

    @Test
    void aVeryLongNameIsShortenedInTheMessage() {
      String name = "x".repeat(300);
      assertThatThrownBy(
              () -> FileLayout.checkFileNames(List.of(sm(name).build()), PathTranslation.DEFAULT))
          .hasMessage(
              "Invalid file name \""
                  + "x".repeat(100)
                  + "\"... (300 bytes) of object "
                  + name
                  + ": it has a path element longer than 255 bytes");
    }
  }

  @Nested
  class Modes {
    @Test
    void theRequestDefaultApplies() {
      SecretObject o = sm("s").addJmesPath(JmesPathEntry.of("u", "user")).build();
      assertThat(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0640).files())
          .extracting(PlannedFile::mode)
          .containsExactly(0640, 0640);
    }

    @Test
    void theObjectsPermissionIsInheritedByItsEntries() {
      SecretObject o =
          sm("s").filePermission(0600).addJmesPath(JmesPathEntry.of("u", "user")).build();
      assertThat(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644).files())
          .extracting(PlannedFile::mode)
          .containsExactly(0600, 0600);
    }

    @Test
    void anEntrysOwnPermissionWins() {
      SecretObject o =
          sm("s")
              .filePermission(0600)
              .addJmesPath(new JmesPathEntry("u", "user", OptionalInt.of(0400)))
              .addJmesPath(JmesPathEntry.of("p", "password"))
              .build();
      assertThat(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644).files())
          .extracting(PlannedFile::mode)
          .containsExactly(0600, 0400, 0600);
    }

    @Test
    void anEntryWithoutPermissionUnderAnObjectWithoutPermissionTakesTheDefault() {
      SecretObject o =
          sm("s")
              .addJmesPath(new JmesPathEntry("u", "user", OptionalInt.of(0400)))
              .addJmesPath(JmesPathEntry.of("p", "password"))
              .build();
      assertThat(FileLayout.plan(List.of(o), PathTranslation.DEFAULT, 0644).files())
          .extracting(PlannedFile::mode)
          .containsExactly(0644, 0400, 0644);
    }

    @Test
    void highBitsAreMaskedWithOneWarningPerObject() {
      SecretObject o =
          sm("db")
              .filePermission(04755)
              .addJmesPath(JmesPathEntry.of("u", "user"))
              .addJmesPath(new JmesPathEntry("p", "password", OptionalInt.of(02700)))
              .build();
      SecretObject clean = sm("clean").filePermission(0600).build();
      FileLayout.Plan plan = FileLayout.plan(List.of(o, clean), PathTranslation.DEFAULT, 0644);
      assertThat(plan.files())
          .extracting(PlannedFile::mode)
          .containsExactly(0755, 0755, 0700, 0600);
      assertThat(plan.warnings())
          .containsExactly(
              "File permission bits above 0777 are ignored for object db: 04755 becomes 0755;"
                  + " 02700 becomes 0700");
    }

    @Test
    void aDefaultWithHighBitsIsMaskedWithOneWarning() {
      SecretObject a = sm("a").build();
      SecretObject b = sm("b").build();
      FileLayout.Plan plan = FileLayout.plan(List.of(a, b), PathTranslation.DEFAULT, 0100644);
      assertThat(plan.files()).extracting(PlannedFile::mode).containsExactly(0644, 0644);
      assertThat(plan.warnings())
          .containsExactly(
              "File permission bits above 0777 are ignored in the default file mode: 0100644"
                  + " becomes 0644");
    }

    @Test
    void anUnusedDefaultWithHighBitsIsNotReported() {
      SecretObject a = sm("a").filePermission(0600).build();
      assertThat(FileLayout.plan(List.of(a), PathTranslation.DEFAULT, -1).warnings()).isEmpty();
    }

    @Test
    void theFull32BitDefaultIsMasked() {
      FileLayout.Plan plan = FileLayout.plan(List.of(sm("a").build()), PathTranslation.DEFAULT, -1);
      assertThat(plan.files().get(0).mode()).isEqualTo(0777);
      assertThat(plan.warnings()).hasSize(1);
    }

    @Test
    void planOfMountParameters() {
      MountParameters p = MountParameters.of("us-east-1", List.of(sm("a/b").build()));
      assertThat(FileLayout.plan(p, 0644).files())
          .containsExactly(new PlannedFile("a_b", sm("a/b").build(), Optional.empty(), 0644));
    }

    @Test
    void plannedFilesCheckTheirMode() {
      assertThatThrownBy(() -> new PlannedFile("a", sm("a").build(), Optional.empty(), 01000))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
