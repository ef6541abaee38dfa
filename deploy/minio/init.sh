#!/bin/sh
# The minio-init service of docker-compose.yml: runs once in the minio/mc image, as MinIO's root user, before the
# services start, and gives them an S3 user that can do no more than they need on their one bucket:
#   - the bucket (created if missing) and no anonymous access to it;
#   - the policy $S3_POLICY: list the bucket and its unfinished multipart uploads; read, write and delete its objects;
#     list and abort multipart uploads' parts (CreateMultipartUpload, UploadPart and CompleteMultipartUpload fall
#     under s3:PutObject);
#   - the user $S3_ACCESS_KEY with that policy and no other.
# Every step is idempotent, so it runs again on each `docker compose up`: changing S3_SECRET_KEY in .env and running
# `docker compose up` again changes the user's secret (policy create replaces the policy, user add updates the user,
# policy attach skips a policy that is already attached).
# Only shell built-ins and mc: the image has little else. The mc commands keep to the documented positional syntax
# (RELEASE.2025-04-16T18-13-26Z), so the keys are on mc's command line for the moment it runs, inside this one-shot
# container; they are in its environment anyway.
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_BUCKET:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
S3_POLICY=${S3_POLICY:-$S3_BUCKET-services}
MINIO_URL=${MINIO_URL:-http://minio:9000}

if [ "$S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
  echo "minio-init: S3_ACCESS_KEY must differ from MINIO_ROOT_USER: the services get their own, limited user" >&2
  exit 1
fi
if [ "${#S3_ACCESS_KEY}" -lt 3 ] || [ "${#S3_SECRET_KEY}" -lt 8 ]; then
  echo "minio-init: MinIO wants S3_ACCESS_KEY of at least 3 characters and S3_SECRET_KEY of at least 8" >&2
  exit 1
fi
case $S3_ACCESS_KEY in
  *[=,]*) echo "minio-init: S3_ACCESS_KEY may not contain '=' or ','" >&2; exit 1 ;;
esac

mc alias set init "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

mc mb --ignore-existing "init/$S3_BUCKET"
mc anonymous set none "init/$S3_BUCKET"

policy_file=/tmp/$S3_POLICY.json
printf '%s\n' \
  '{' \
  '  "Version": "2012-10-17",' \
  '  "Statement": [' \
  '    {' \
  '      "Effect": "Allow",' \
  '      "Action": ["s3:ListBucket", "s3:ListBucketMultipartUploads"],' \
  "      \"Resource\": [\"arn:aws:s3:::$S3_BUCKET\"]" \
  '    },' \
  '    {' \
  '      "Effect": "Allow",' \
  '      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",' \
  '                 "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],' \
  "      \"Resource\": [\"arn:aws:s3:::$S3_BUCKET/*\"]" \
  '    }' \
  '  ]' \
  '}' >"$policy_file"
mc admin policy create init "$S3_POLICY" "$policy_file"

mc admin user add init "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
mc admin policy attach init "$S3_POLICY" --user "$S3_ACCESS_KEY"

echo "minio-init: bucket $S3_BUCKET ready for user $S3_ACCESS_KEY (policy $S3_POLICY)"
