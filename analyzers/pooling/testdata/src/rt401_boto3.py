# A boto3 client per request loads its service model and opens a new pool.
import boto3
from flask import Flask, send_file

app = Flask(__name__)
s3 = boto3.client("s3")


@app.route("/files/<path:key>")
def download(key):
    client = boto3.client("s3")  # want RT401 "boto3.client\(\) .*create the client once at module level"
    return send_file(client.get_object(Bucket="b", Key=key)["Body"])


@app.route("/buckets")
def buckets():
    session = boto3.session.Session()
    table = session.resource("dynamodb").Table("t")  # want RT401
    return [b["Name"] for b in s3.list_buckets()["Buckets"]] + [table.name]
