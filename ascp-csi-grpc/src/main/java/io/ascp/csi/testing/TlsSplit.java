// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The driver's split of a {@code kubernetes.io/tls} file ({@code secretutil.GetCertPart}): {@code
 * tls.crt} = every {@code CERTIFICATE} block of the PEM bundle, re-encoded; {@code tls.key} = the
 * private key of the last other block, parsed as PKCS#1, PKCS#8 or SEC 1 and re-encoded as Go's
 * {@code MarshalPKCS1PrivateKey} ({@code RSA PRIVATE KEY}) or {@code MarshalECPrivateKey} ({@code
 * EC PRIVATE KEY}, with the named curve and the public point Go recomputes from the scalar). A file
 * without PEM blocks is read as a password-less PKCS#12 bundle.
 *
 * <p>Implementation notes: PEM decoding follows Go's {@code encoding/pem} (a block is found after a
 * line start, headers skipped, the end line must match the type, spaces and tabs in the body
 * ignored). PKCS#12 is read with the JDK's {@code KeyStore}, which accepts more encryption schemes
 * than Go's {@code x/crypto/pkcs12} (legacy 3DES and RC2 only), and its errors are the JDK's.
 * Curves: P-256, P-384 and P-521, and P-224 when the JDK knows it. Go's consistency check of an RSA
 * key ({@code Validate}) is not repeated.
 */
final class TlsSplit {
  private TlsSplit() {}

  /** A failure with the driver's text. */
  static final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    TlsException(String message) {
      super(message);
    }
  }

  private static final String CERTIFICATE = "CERTIFICATE";
  private static final String OID_RSA = "1.2.840.113549.1.1.1";
  private static final String OID_EC = "1.2.840.10045.2.1";
  private static final Map<String, String> CURVES =
      Map.of(
          "1.3.132.0.33", "secp224r1",
          "1.2.840.10045.3.1.7", "secp256r1",
          "1.3.132.0.34", "secp384r1",
          "1.3.132.0.35", "secp521r1");

  /** The part of {@code data} that the key {@code key} of a TLS Secret holds. */
  static byte[] part(byte[] data, String key) throws TlsException {
    if (key.equals("tls.key")) {
      return privateKey(data);
    }
    if (key.equals("tls.crt")) {
      return certificates(data);
    }
    throw new TlsException(
        "key '" + key + "' is not supported. Only 'tls.key' and 'tls.crt' are supported");
  }

  static byte[] certificates(byte[] data) throws TlsException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Pem.Decoded decoded = Pem.decodeAll(data);
    for (Pem.Block block : decoded.blocks()) {
      if (block.type().equals(CERTIFICATE)) {
        out.writeBytes(Pem.encode(block.type(), block.bytes()));
      }
    }
    if (out.size() == 0) {
      for (Pem.Block block : pkcs12(decoded.rest())) {
        if (block.type().equals(CERTIFICATE)) {
          out.writeBytes(Pem.encode(block.type(), block.bytes()));
        }
      }
    }
    return out.toByteArray();
  }

  static byte[] privateKey(byte[] data) throws TlsException {
    Pem.Decoded decoded = Pem.decodeAll(data);
    byte @Nullable [] der = null;
    for (Pem.Block block : decoded.blocks()) {
      if (!block.type().equals(CERTIFICATE)) {
        der = block.bytes();
      }
    }
    if (der == null) {
      for (Pem.Block block : pkcs12(decoded.rest())) {
        if (block.type().equals("PRIVATE KEY")) {
          der = block.bytes();
        }
      }
    }
    String type = "PRIVATE KEY";
    byte[] key = new byte[0];
    if (der != null) {
      Optional<byte[]> pkcs1 = Keys.pkcs1(der);
      if (pkcs1.isPresent()) {
        type = "RSA PRIVATE KEY";
        key = pkcs1.get();
      }
      Optional<Keys.Pkcs8> pkcs8 = Keys.pkcs8(der);
      if (pkcs8.isPresent()) {
        switch (pkcs8.get().algorithm()) {
          case OID_RSA -> {
            type = "RSA PRIVATE KEY";
            key = Keys.pkcs1(pkcs8.get().key()).orElse(new byte[0]);
          }
          case OID_EC -> {
            type = "EC PRIVATE KEY";
            key = Keys.sec1(pkcs8.get().key(), pkcs8.get().curve()).orElse(new byte[0]);
          }
          default ->
              throw new TlsException(
                  "unknown private key type found while getting key. Only rsa and ecdsa are"
                      + " supported");
        }
      }
      Optional<byte[]> sec1 = Keys.sec1(der, Optional.empty());
      if (sec1.isPresent()) {
        type = "EC PRIVATE KEY";
        key = sec1.get();
      }
    }
    return Pem.encode(type, key);
  }

  /** Go's {@code pkcs12.ToPEM(data, "")}, approximated with the JDK's PKCS#12 key store. */
  private static List<Pem.Block> pkcs12(byte[] data) throws TlsException {
    KeyStore store;
    try {
      store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(data), new char[0]);
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsException("pkcs12: " + e.getMessage());
    }
    List<Pem.Block> blocks = new ArrayList<>();
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, new char[0]);
          if (key instanceof PrivateKey && key.getEncoded() != null) {
            blocks.add(new Pem.Block("PRIVATE KEY", key.getEncoded()));
          }
          Certificate[] chain = store.getCertificateChain(alias);
          for (Certificate c : chain == null ? new Certificate[0] : chain) {
            blocks.add(new Pem.Block(CERTIFICATE, c.getEncoded()));
          }
        } else {
          Certificate c = store.getCertificate(alias);
          if (c != null) {
            blocks.add(new Pem.Block(CERTIFICATE, c.getEncoded()));
          }
        }
      }
    } catch (GeneralSecurityException e) {
      throw new TlsException("pkcs12: " + e.getMessage());
    }
    return blocks;
  }

  /** Go's {@code encoding/pem}. */
  static final class Pem {
    private Pem() {}

    /** One block (internal: its array is never shared outside this class). */
    @SuppressWarnings("ArrayRecordComponent")
    record Block(String type, byte[] bytes) {}

    /** The blocks found in order, and the data after the last one (Go's loop's remainder). */
    @SuppressWarnings("ArrayRecordComponent")
    record Decoded(List<Block> blocks, byte[] rest) {}

    /** One decoded block and the text after it. */
    private record Step(Block block, String rest) {}

    static Decoded decodeAll(byte[] data) {
      List<Block> blocks = new ArrayList<>();
      String rest = new String(data, ISO_8859_1);
      while (true) {
        Optional<Step> next = decode(rest);
        if (next.isEmpty()) {
          return new Decoded(blocks, rest.getBytes(ISO_8859_1));
        }
        blocks.add(next.get().block());
        rest = next.get().rest();
      }
    }

    /** Go's {@code pem.Decode}; bytes as ISO-8859-1 characters. */
    private static Optional<Step> decode(String data) {
      String rest = data;
      while (true) {
        if (rest.startsWith("-----BEGIN ")) {
          rest = rest.substring("-----BEGIN ".length());
        } else {
          int at = rest.indexOf("\n-----BEGIN ");
          if (at < 0) {
            return Optional.empty();
          }
          rest = rest.substring(at + "\n-----BEGIN ".length());
        }
        String[] line = getLine(rest);
        String typeLine = line[0];
        rest = line[1];
        if (!typeLine.endsWith("-----")) {
          continue;
        }
        String type = typeLine.substring(0, typeLine.length() - "-----".length());
        boolean headers = false;
        boolean truncated = false;
        while (true) {
          if (rest.isEmpty()) {
            truncated = true;
            break;
          }
          String[] headerLine = getLine(rest);
          if (headerLine[0].indexOf(':') < 0) {
            break;
          }
          headers = true;
          rest = headerLine[1];
        }
        if (truncated) {
          return Optional.empty();
        }
        int endIndex;
        int endTrailerIndex;
        if (!headers && rest.startsWith("-----END ")) {
          endIndex = 0;
          endTrailerIndex = "-----END ".length();
        } else {
          endIndex = rest.indexOf("\n-----END ");
          endTrailerIndex = endIndex + "\n-----END ".length();
        }
        if (endIndex < 0) {
          continue;
        }
        String endTrailer = rest.substring(endTrailerIndex);
        int endTrailerLen = type.length() + "-----".length();
        if (endTrailer.length() < endTrailerLen) {
          continue;
        }
        String restOfEndLine = endTrailer.substring(endTrailerLen);
        endTrailer = endTrailer.substring(0, endTrailerLen);
        if (!endTrailer.startsWith(type) || !endTrailer.endsWith("-----")) {
          continue;
        }
        if (!getLine(restOfEndLine)[0].isEmpty()) {
          continue;
        }
        String base64 =
            rest.substring(0, endIndex)
                .replace(" ", "")
                .replace("\t", "")
                .replace("\r", "")
                .replace("\n", "");
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(base64.getBytes(ISO_8859_1));
        } catch (IllegalArgumentException e) {
          continue;
        }
        int after = endIndex + "\n-----END ".length() - 1;
        String remaining = getLine(rest.substring(after))[1];
        return Optional.of(new Step(new Block(type, bytes), remaining));
      }
    }

    /** Go's {@code getLine}: the line without trailing spaces, tabs and CR, and the rest. */
    private static String[] getLine(String data) {
      int nl = data.indexOf('\n');
      String line;
      String rest;
      if (nl < 0) {
        line = data;
        rest = "";
      } else {
        line = data.substring(0, nl);
        rest = data.substring(nl + 1);
      }
      int end = line.length();
      while (end > 0 && " \t\r".indexOf(line.charAt(end - 1)) >= 0) {
        end--;
      }
      return new String[] {line.substring(0, end), rest};
    }

    /** Go's {@code pem.EncodeToMemory} of a block without headers. */
    static byte[] encode(String type, byte[] bytes) {
      StringBuilder out = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
      String b64 = Base64.getEncoder().encodeToString(bytes);
      for (int i = 0; i < b64.length(); i += 64) {
        out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
      }
      out.append("-----END ").append(type).append("-----\n");
      return out.toString().getBytes(US_ASCII);
    }
  }

  /** Private keys in DER, as Go's {@code crypto/x509} parses and marshals them. */
  static final class Keys {
    private Keys() {}

    /** A PKCS#8 key: its algorithm, its curve (EC), and the inner key (internal). */
    @SuppressWarnings("ArrayRecordComponent")
    record Pkcs8(String algorithm, Optional<String> curve, byte[] key) {}

    /** PKCS#1 re-encoded canonically, if {@code der} is one. */
    static Optional<byte[]> pkcs1(byte[] der) {
      try {
        Der.Reader top = Der.Reader.whole(der);
        Der.Reader seq = top.sequence();
        top.end();
        List<BigInteger> values = new ArrayList<>();
        while (seq.hasMore()) {
          if (seq.peekTag() != Der.INTEGER) {
            return Optional.empty(); // multi-prime extensions are not supported
          }
          values.add(seq.integer());
        }
        if (values.size() != 9 || values.get(0).signum() != 0) {
          return Optional.empty();
        }
        Der.Writer out = new Der.Writer();
        for (BigInteger v : values) {
          out.integer(v);
        }
        return Optional.of(Der.Writer.sequence(out));
      } catch (Der.DerException e) {
        return Optional.empty();
      }
    }

    /** The parts of a PKCS#8 {@code PrivateKeyInfo}, if {@code der} is one. */
    static Optional<Pkcs8> pkcs8(byte[] der) {
      try {
        Der.Reader top = Der.Reader.whole(der);
        Der.Reader seq = top.sequence();
        top.end();
        seq.integer();
        Der.Reader algorithm = seq.sequence();
        String oid = algorithm.oid();
        Optional<String> curve = Optional.empty();
        if (algorithm.hasMore() && algorithm.peekTag() == Der.OID) {
          curve = Optional.of(algorithm.oid());
        }
        byte[] key = seq.octetString();
        return Optional.of(new Pkcs8(oid, curve, key));
      } catch (Der.DerException e) {
        return Optional.empty();
      }
    }

    /**
     * A SEC 1 {@code ECPrivateKey} re-encoded as Go's {@code MarshalECPrivateKey}: version 1, the
     * scalar padded to the curve's size, the named curve, the public point computed from the
     * scalar. {@code curve} comes from PKCS#8; without it the key must name its curve.
     */
    static Optional<byte[]> sec1(byte[] der, Optional<String> curveOid) {
      try {
        Der.Reader top = Der.Reader.whole(der);
        Der.Reader seq = top.sequence();
        top.end();
        if (!seq.integer().equals(BigInteger.ONE)) {
          return Optional.empty();
        }
        byte[] scalar = seq.octetString();
        Optional<String> named = Optional.empty();
        if (seq.hasMore() && seq.peekTag() == 0xa0) {
          named = Optional.of(seq.explicit(0xa0).oid());
        }
        String oid = curveOid.isPresent() ? curveOid.get() : named.orElse("");
        String curveName = CURVES.get(oid);
        if (curveName == null) {
          return Optional.empty();
        }
        ECParameterSpec spec = curve(curveName);
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        int size = (p.bitLength() + 7) / 8;
        BigInteger d = new BigInteger(1, scalar);
        if (d.signum() == 0 || d.compareTo(spec.getOrder()) >= 0) {
          return Optional.empty();
        }
        ECPoint q = Ec.multiply(spec, d);
        byte[] point = new byte[1 + 2 * size];
        point[0] = 4;
        Der.pad(q.getAffineX(), size, point, 1);
        Der.pad(q.getAffineY(), size, point, 1 + size);
        byte[] padded = new byte[size];
        Der.pad(d, size, padded, 0);

        Der.Writer out = new Der.Writer();
        out.integer(BigInteger.ONE);
        out.octetString(padded);
        Der.Writer curve = new Der.Writer();
        curve.oid(oid);
        out.tagged(0xa0, curve.bytes());
        Der.Writer pub = new Der.Writer();
        pub.bitString(point);
        out.tagged(0xa1, pub.bytes());
        return Optional.of(Der.Writer.sequence(out));
      } catch (Der.DerException e) {
        return Optional.empty();
      }
    }

    static ECParameterSpec curve(String name) throws Der.DerException {
      try {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(name));
        return parameters.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new Der.DerException("curve " + name + " is not available in this JDK");
      }
    }
  }

  /** Affine point arithmetic on a short Weierstrass curve over a prime field. */
  static final class Ec {
    private Ec() {}

    static ECPoint multiply(ECParameterSpec spec, BigInteger k) {
      BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
      BigInteger a = spec.getCurve().getA();
      ECPoint result = ECPoint.POINT_INFINITY;
      ECPoint addend = spec.getGenerator();
      for (int i = 0; i < k.bitLength(); i++) {
        if (k.testBit(i)) {
          result = add(result, addend, a, p);
        }
        addend = add(addend, addend, a, p);
      }
      return result;
    }

    static ECPoint add(ECPoint s, ECPoint t, BigInteger a, BigInteger p) {
      if (s.equals(ECPoint.POINT_INFINITY)) {
        return t;
      }
      if (t.equals(ECPoint.POINT_INFINITY)) {
        return s;
      }
      BigInteger x1 = s.getAffineX();
      BigInteger y1 = s.getAffineY();
      BigInteger x2 = t.getAffineX();
      BigInteger y2 = t.getAffineY();
      BigInteger lambda;
      if (x1.equals(x2)) {
        if (y1.add(y2).mod(p).signum() == 0) {
          return ECPoint.POINT_INFINITY;
        }
        BigInteger three = BigInteger.valueOf(3);
        lambda = x1.pow(2).multiply(three).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
      } else {
        lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
      }
      BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(p);
      BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
      return new ECPoint(x3, y3);
    }
  }

  /** A minimal DER reader and writer (definite lengths only). */
  static final class Der {
    private Der() {}

    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    static final class DerException extends Exception {
      private static final long serialVersionUID = 1L;

      DerException(String message) {
        super(message);
      }
    }

    /** Writes {@code v} big-endian, left-padded with zeros to {@code size} bytes. */
    static void pad(BigInteger v, int size, byte[] out, int offset) {
      byte[] raw = v.toByteArray();
      int start = raw.length > size ? raw.length - size : 0;
      int len = raw.length - start;
      System.arraycopy(raw, start, out, offset + size - len, len);
    }

    static final class Reader {
      private final byte[] buf;
      private int pos;
      private final int end;

      private Reader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
      }

      static Reader whole(byte[] der) {
        return new Reader(der, 0, der.length);
      }

      boolean hasMore() {
        return pos < end;
      }

      int peekTag() throws DerException {
        if (pos >= end) {
          throw new DerException("truncated");
        }
        return buf[pos] & 0xff;
      }

      void end() throws DerException {
        if (pos != end) {
          throw new DerException("trailing data");
        }
      }

      private byte[] value(int tag) throws DerException {
        int[] range = element(tag);
        return Arrays.copyOfRange(buf, range[0], range[1]);
      }

      private int[] element(int tag) throws DerException {
        if (peekTag() != tag) {
          throw new DerException("unexpected tag");
        }
        pos++;
        if (pos >= end) {
          throw new DerException("truncated");
        }
        int first = buf[pos++] & 0xff;
        int length;
        if (first < 0x80) {
          length = first;
        } else {
          int n = first & 0x7f;
          if (n == 0 || n > 4) {
            throw new DerException("unsupported length");
          }
          length = 0;
          for (int i = 0; i < n; i++) {
            if (pos >= end) {
              throw new DerException("truncated");
            }
            length = (length << 8) | (buf[pos++] & 0xff);
          }
          if (length < 0) {
            throw new DerException("bad length");
          }
        }
        if (length > end - pos) {
          throw new DerException("truncated");
        }
        int start = pos;
        pos += length;
        return new int[] {start, pos};
      }

      Reader sequence() throws DerException {
        int[] range = element(SEQUENCE);
        return new Reader(buf, range[0], range[1]);
      }

      Reader explicit(int tag) throws DerException {
        int[] range = element(tag);
        return new Reader(buf, range[0], range[1]);
      }

      BigInteger integer() throws DerException {
        byte[] v = value(INTEGER);
        if (v.length == 0) {
          throw new DerException("empty integer");
        }
        return new BigInteger(v);
      }

      byte[] octetString() throws DerException {
        return value(OCTET_STRING);
      }

      /** A BIT STRING of whole bytes. */
      byte[] bitString() throws DerException {
        byte[] v = value(BIT_STRING);
        if (v.length == 0 || v[0] != 0) {
          throw new DerException("not a byte-aligned bit string");
        }
        return Arrays.copyOfRange(v, 1, v.length);
      }

      String oid() throws DerException {
        byte[] v = value(OID);
        if (v.length == 0) {
          throw new DerException("empty oid");
        }
        StringBuilder out = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : v) {
          value = (value << 7) | (b & 0x7f);
          if ((b & 0x80) == 0) {
            if (first) {
              long arc = Math.min(value / 40, 2);
              out.append(arc).append('.').append(value - arc * 40);
              first = false;
            } else {
              out.append('.').append(value);
            }
            value = 0;
          }
        }
        return out.toString();
      }
    }

    static final class Writer {
      private final ByteArrayOutputStream out = new ByteArrayOutputStream();

      byte[] bytes() {
        return out.toByteArray();
      }

      void tagged(int tag, byte[] content) {
        out.write(tag);
        length(content.length);
        out.writeBytes(content);
      }

      void integer(BigInteger v) {
        tagged(INTEGER, v.toByteArray());
      }

      void octetString(byte[] v) {
        tagged(OCTET_STRING, v);
      }

      void bitString(byte[] v) {
        byte[] content = new byte[v.length + 1];
        System.arraycopy(v, 0, content, 1, v.length);
        tagged(BIT_STRING, content);
      }

      void oid(String dotted) {
        String[] arcs = dotted.split("\\.", -1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        base128(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
          base128(content, Long.parseLong(arcs[i]));
        }
        tagged(OID, content.toByteArray());
      }

      private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
          groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
          int b = (int) ((value >>> (7 * g)) & 0x7f);
          out.write(g == 0 ? b : b | 0x80);
        }
      }

      private void length(int length) {
        if (length < 0x80) {
          out.write(length);
        } else if (length < 0x100) {
          out.write(0x81);
          out.write(length);
        } else if (length < 0x10000) {
          out.write(0x82);
          out.write(length >> 8);
          out.write(length & 0xff);
        } else {
          out.write(0x83);
          out.write(length >> 16);
          out.write((length >> 8) & 0xff);
          out.write(length & 0xff);
        }
      }

      static byte[] sequence(Writer content) {
        Writer w = new Writer();
        w.tagged(SEQUENCE, content.bytes());
        return w.bytes();
      }
    }
  }
}
