// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.csi.daemon.StatusCodeMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for flag values written in Go's syntax. */
final class Converters {
  private Converters() {}

  private static TypeConversionException invalid(String value, String reason) {
    return new TypeConversionException("invalid value \"" + value + "\": " + reason);
  }

  /** Go's boolean syntax: 1, t, T, TRUE, true, True and their false counterparts. */
  static final class GoBool implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      try {
        return GoValues.parseBool(value);
      } catch (GoValues.SyntaxException e) {
        throw invalid(value, e.getMessage());
      }
    }
  }

  /** Go's integer syntax: decimal, 0x, 0o, 0b, leading 0 for octal, underscores. */
  static final class GoInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return GoValues.parseInt32(value);
      } catch (GoValues.SyntaxException e) {
        throw invalid(value, e.getMessage());
      }
    }
  }

  /** A Go duration such as {@code 500ms} or {@code 1m30s}; negative values are rejected. */
  static final class GoDurationValue implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = GoDuration.parse(value);
      } catch (GoDuration.ParseException e) {
        throw invalid(value, e.getMessage());
      }
      if (duration.isNegative()) {
        throw invalid(value, "must not be negative");
      }
      return duration;
    }
  }

  /** A positive Go duration, such as the interval of {@code mount --watch}. */
  static final class PositiveGoDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = new GoDurationValue().convert(value);
      if (duration.isZero()) {
        throw invalid(value, "must be positive");
      }
      return duration;
    }
  }

  /** An octal file mode such as {@code 0600} or {@code 660}, at most 0777. */
  static final class OctalMode implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String digits = value.startsWith("0o") || value.startsWith("0O") ? value.substring(2) : value;
      if (digits.isEmpty()
          || digits.length() > 4
          || !digits.chars().allMatch(c -> c >= '0' && c <= '7')) {
        throw invalid(value, "not an octal mode such as 0600");
      }
      int mode = Integer.parseInt(digits, 8);
      if (mode > 0777) {
        throw invalid(value, "only the permission bits 0777 may be set");
      }
      return mode;
    }
  }

  /** {@code mapped} or {@code unknown}. */
  static final class StatusCodes implements ITypeConverter<StatusCodeMode> {
    static final List<String> VALUES = List.of("mapped", "unknown");

    @Override
    public StatusCodeMode convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "mapped" -> StatusCodeMode.MAPPED;
        case "unknown" -> StatusCodeMode.UNKNOWN;
        default -> throw invalid(value, "expected one of " + VALUES);
      };
    }
  }

  /** A log level name. */
  static final class Level implements ITypeConverter<LogSettings.Level> {
    @Override
    public LogSettings.Level convert(String value) {
      try {
        return LogSettings.Level.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(value, "expected one of error, warn, info, debug, trace");
      }
    }
  }

  /** A log format name. */
  static final class Format implements ITypeConverter<LogSettings.Format> {
    @Override
    public LogSettings.Format convert(String value) {
      try {
        return LogSettings.Format.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(value, "expected text or json");
      }
    }
  }

  /** {@code --backend}: {@code aws} or {@code memory:FILE}. */
  static final class BackendValue implements ITypeConverter<Backend> {
    @Override
    public Backend convert(String value) {
      try {
        return Backend.parse(value);
      } catch (IllegalArgumentException e) {
        throw invalid(value, String.valueOf(e.getMessage()));
      }
    }
  }
}
