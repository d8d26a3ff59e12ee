#!/usr/bin/env python3
"""Writes a synthetic OpenAPI 3.0.3 spec (JSON) for the code generator's benchmark.

The spec holds N operations over resources named resource0001, resource0002, ...; each resource
has six operations, in this order:

    list     GET    /resourceNNNN               3 query parameters
    create   POST   /resourceNNNN               JSON body: the ResourceNNNNInput schema
    get      GET    /resourceNNNN/{id}
    update   PATCH  /resourceNNNN/{id}          JSON body: the ResourceNNNNInput schema
    delete   DELETE /resourceNNNN/{id}
    archive  POST   /resourceNNNN/{id}/archive  a custom action

Every operation has an operationId and its resource's tag. ResourceNNNNInput has eight
properties, one of them a nested object and one an array. When N is not a multiple of six, the
last resource has only the first N mod 6 operations. The output is deterministic: the same N
gives the same bytes (sorted keys, no randomness).

Usage: bench/codegen-spec.py [--operations N] [--out FILE]   (default 1200 operations, stdout)
"""

import argparse
import json
import sys

OPERATIONS_PER_RESOURCE = 6


def input_schema():
    """The request body of create and update: eight properties, a nested object and an array."""
    return {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "description": "Display name.", "maxLength": 200},
            "description": {"type": "string", "description": "Free-form description."},
            "status": {
                "type": "string",
                "description": "Lifecycle state.",
                "enum": ["draft", "active", "inactive"],
            },
            "priority": {
                "type": "integer",
                "description": "Sort priority, highest first.",
                "minimum": 0,
                "maximum": 100,
            },
            "enabled": {"type": "boolean", "description": "Whether the record is in use."},
            "startsAt": {"type": "string", "format": "date-time", "description": "When it starts."},
            "labels": {
                "type": "array",
                "description": "Labels to filter by.",
                "items": {"type": "string"},
            },
            "owner": {
                "type": "object",
                "description": "Who owns the record.",
                "required": ["id"],
                "properties": {
                    "id": {"type": "integer", "description": "The owner's id."},
                    "email": {"type": "string", "format": "email", "description": "The owner's email."},
                },
            },
        },
    }


def record_schema(input_name):
    """A stored record: the input's properties plus an id."""
    return {
        "allOf": [
            {"$ref": "#/components/schemas/" + input_name},
            {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string", "description": "The record's id."}},
            },
        ]
    }


def json_content(schema_name):
    return {"application/json": {"schema": {"$ref": "#/components/schemas/" + schema_name}}}


def id_parameter():
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": "The record's id.",
        "schema": {"type": "string"},
    }


def resource_operations(resource, tag, record_name, input_name):
    """The six operations of one resource as (path, method, operation), in their fixed order."""
    title = resource[0].upper() + resource[1:]
    collection = "/" + resource
    item = collection + "/{id}"
    found = {"200": {"description": "The record.", "content": json_content(record_name)}}
    missing = {"404": {"description": "No record with this id."}}
    return [
        (collection, "get", {
            "operationId": "list" + title,
            "summary": "List " + resource + " records",
            "tags": [tag],
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "description": "Maximum number of records to return.",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 250, "default": 50},
                },
                {
                    "name": "cursor",
                    "in": "query",
                    "description": "Where the previous page ended.",
                    "schema": {"type": "string"},
                },
                {
                    "name": "status",
                    "in": "query",
                    "description": "Only records in this state.",
                    "schema": {"type": "string", "enum": ["draft", "active", "inactive"]},
                },
            ],
            "responses": {
                "200": {
                    "description": "One page of records.",
                    "content": {"application/json": {"schema": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/" + record_name},
                    }}},
                },
            },
        }),
        (collection, "post", {
            "operationId": "create" + title,
            "summary": "Create a " + resource + " record",
            "tags": [tag],
            "requestBody": {"required": True, "content": json_content(input_name)},
            "responses": {"201": {"description": "The new record.", "content": json_content(record_name)}},
        }),
        (item, "get", {
            "operationId": "get" + title,
            "summary": "Get one " + resource + " record",
            "tags": [tag],
            "parameters": [id_parameter()],
            "responses": dict(found, **missing),
        }),
        (item, "patch", {
            "operationId": "update" + title,
            "summary": "Update a " + resource + " record",
            "tags": [tag],
            "parameters": [id_parameter()],
            "requestBody": {"required": True, "content": json_content(input_name)},
            "responses": dict(found, **missing),
        }),
        (item, "delete", {
            "operationId": "delete" + title,
            "summary": "Delete a " + resource + " record",
            "tags": [tag],
            "parameters": [id_parameter()],
            "responses": dict({"204": {"description": "Deleted."}}, **missing),
        }),
        (item + "/archive", "post", {
            "operationId": "archive" + title,
            "summary": "Archive a " + resource + " record",
            "tags": [tag],
            "parameters": [id_parameter()],
            "responses": dict(found, **missing),
        }),
    ]


def build_spec(operations):
    resources = -(-operations // OPERATIONS_PER_RESOURCE)
    width = max(4, len(str(resources)))
    paths = {}
    schemas = {}
    tags = []
    remaining = operations
    for index in range(1, resources + 1):
        resource = "resource%0*d" % (width, index)
        title = resource[0].upper() + resource[1:]
        input_name = title + "Input"
        record_name = title
        tags.append({"name": title, "description": "Operations on " + resource + " records."})
        schemas[input_name] = input_schema()
        schemas[record_name] = record_schema(input_name)
        for path, method, operation in resource_operations(resource, title, record_name, input_name):
            if remaining == 0:
                break
            paths.setdefault(path, {})[method] = operation
            remaining -= 1
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Synthetic benchmark API",
            "version": "1.0.0",
            "description": "%d operations over %d resources, generated by bench/codegen-spec.py."
            % (operations, resources),
        },
        "servers": [{"url": "https://api.example.com"}],
        "tags": tags,
        "paths": paths,
        "components": {"schemas": schemas},
    }


def main():
    parser = argparse.ArgumentParser(
        description="Write a synthetic OpenAPI 3.0.3 spec (JSON) with N operations, six per resource.")
    parser.add_argument("--operations", type=int, default=1200, metavar="N",
                        help="number of operations (default 1200)")
    parser.add_argument("--out", metavar="FILE", help="where to write the spec (default stdout)")
    args = parser.parse_args()
    if args.operations < 1:
        parser.error("--operations must be at least 1")
    text = json.dumps(build_spec(args.operations), indent=2, sort_keys=True, ensure_ascii=True) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
