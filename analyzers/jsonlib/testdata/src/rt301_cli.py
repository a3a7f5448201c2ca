"""A CLI script: no web framework imported, so stdlib json is fine."""
import json
import sys


def main():
    data = json.load(sys.stdin)
    for item in data:
        print(json.dumps(item, indent=2))


if __name__ == "__main__":
    main()
