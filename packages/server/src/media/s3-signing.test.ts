import { describe, expect, it } from "vitest";
import { EMPTY_SHA256, sha256Hex, signRequest, uriEncode } from "./s3-signing.ts";

// Vectors published by AWS: the SigV4 test suite's "get-vanilla", and the S3 developer guide's
// worked examples (GET Object with a Range, PUT Object).
describe("SigV4 signing", () => {
  it("matches AWS's get-vanilla test vector", () => {
    const headers = signRequest(
      {
        method: "GET",
        url: new URL("https://example.amazonaws.com/"),
        headers: { "X-Amz-Date": "20150830T123600Z" },
        payloadHash: EMPTY_SHA256,
      },
      {
        credentials: {
          accessKeyId: "AKIDEXAMPLE",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        },
        region: "us-east-1",
        service: "service",
        now: new Date(0),
      },
    );
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        "SignedHeaders=host;x-amz-date, " +
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  const s3Credentials = {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  };

  it("matches the S3 guide's GET Object example", () => {
    const headers = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: {
          Range: "bytes=0-9",
          "x-amz-content-sha256": EMPTY_SHA256,
          "x-amz-date": "20130524T000000Z",
        },
        payloadHash: EMPTY_SHA256,
      },
      { credentials: s3Credentials, region: "us-east-1", service: "s3", now: new Date(0) },
    );
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("matches the S3 guide's PUT Object example", () => {
    const body = "Welcome to Amazon S3.";
    const headers = signRequest(
      {
        method: "PUT",
        url: new URL(`https://examplebucket.s3.amazonaws.com/${uriEncode("test$file.text", true)}`),
        headers: {
          Date: "Fri, 24 May 2013 00:00:00 GMT",
          "x-amz-date": "20130524T000000Z",
          "x-amz-storage-class": "REDUCED_REDUNDANCY",
          "x-amz-content-sha256": sha256Hex(body),
        },
        payloadHash: sha256Hex(body),
      },
      { credentials: s3Credentials, region: "us-east-1", service: "s3", now: new Date(0) },
    );
    expect(headers.authorization).toContain(
      "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    );
  });

  it("encodes everything but unreserved characters", () => {
    expect(uriEncode("a b/ü~*")).toBe("a%20b%2F%C3%BC~%2A");
    expect(uriEncode("a/b c", true)).toBe("a/b%20c");
  });
});
