"""Settings helpers for keeping uploads in an S3-compatible bucket (django-storages): read by
crossborder/settings.py, so nothing here imports Django."""


def object_storage(environ) -> dict | None:
    """The uploads' storage in an S3-compatible bucket (django-storages) when S3_BUCKET is set:
    Amazon S3, or MinIO, Ceph or a cloud's object storage at S3_ENDPOINT_URL. The credentials
    come the usual boto3 way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's
    role). URLs are not signed: the bucket's policy lets anyone read lessons/, questions/ and
    speakers/ and nothing else; the private files (applications/, credentials/,
    funder-reports/) are read only by the app, which checks permissions (docs/deploy.md)."""
    bucket = environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
            "region_name": environ.get("S3_REGION") or None,
            # a CDN or the site's own /media/ path in front of the bucket, if any
            "custom_domain": environ.get("S3_PUBLIC_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,  # the bucket's policy decides, not each object
            "file_overwrite": False,  # two uploads with one name never replace each other
        },
    }


def object_storage_origin(options: dict) -> str:
    """Where the browser fetches public uploads from in object storage, for the CSP's img-src."""
    if options.get("custom_domain"):
        return "https://" + options["custom_domain"].split("/")[0]
    if options.get("endpoint_url"):
        scheme, _, rest = options["endpoint_url"].partition("://")
        return f"{scheme}://{rest.split('/')[0]}"
    return "https://*.amazonaws.com"
