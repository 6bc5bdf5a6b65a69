# Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
"""A CSI driver provider client that is not ours: Python grpcio, stubs compiled at run time.

Usage: csi_client.py PROTO_DIR OUT_DIR SOCKET REQUEST_FILE

REQUEST_FILE holds one request per line: TARGET_PATH <tab> ATTRIBUTES_JSON (the attributes carry
tokens, so they travel in a file, not on the command line). The script compiles PROTO_DIR/service.proto
with grpc_tools.protoc into OUT_DIR, calls Version once and Mount once per request, and prints one
"key=value" line per result.
"""
import os
import subprocess
import sys


def main():
    proto_dir, out_dir, socket_path, request_file = sys.argv[1:5]
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", "-I" + proto_dir,
         "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
         os.path.join(proto_dir, "service.proto")],
        check=True)
    sys.path.insert(0, out_dir)
    import grpc
    import service_pb2
    import service_pb2_grpc

    # The driver dials unix:<socket> with authority "localhost", without transport security.
    channel = grpc.insecure_channel(
        "unix://" + socket_path, options=[("grpc.default_authority", "localhost")])
    stub = service_pb2_grpc.CSIDriverProviderStub(channel)

    version = stub.Version(service_pb2.VersionRequest(version="v1alpha1"), timeout=30)
    print("version=" + version.version)
    print("runtime_name=" + version.runtime_name)
    print("runtime_version=" + version.runtime_version)

    with open(request_file, encoding="utf-8") as requests:
        for index, line in enumerate(requests):
            target, attributes = line.rstrip("\n").split("\t", 1)
            request = service_pb2.MountRequest(
                attributes=attributes, secrets="null", target_path=target, permission="420")
            prefix = "mount%d." % index
            try:
                response = stub.Mount(request, timeout=60)
            except grpc.RpcError as error:
                print(prefix + "code=" + error.code().name)
                print(prefix + "details=" + error.details())
                continue
            print(prefix + "code=OK")
            print(prefix + "files=%d" % len(response.files))
            for v in response.object_version:
                print(prefix + "object_version=" + v.id + ":" + v.version)
    channel.close()


if __name__ == "__main__":
    main()
