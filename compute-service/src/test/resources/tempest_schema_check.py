"""Validates one compute API response against Tempest's own response schema (as Tempest's rest client does).

usage: tempest_schema_check.py MODULE SCHEMA STATUS < body.json   (MODULE e.g. v2_1.flavors)
"""
import importlib
import json
import sys

from tempest.lib.common import jsonschema_validator as jv

module, name, status = sys.argv[1], sys.argv[2], int(sys.argv[3])
schema = getattr(importlib.import_module('tempest.lib.api_schema.response.compute.' + module), name)
if status not in schema['status_code']:
    sys.exit('status %d not in %s' % (status, schema['status_code']))
text = sys.stdin.read()
if 'response_body' in schema:
    jv.JSONSCHEMA_VALIDATOR(schema['response_body'], format_checker=jv.FORMAT_CHECKER).validate(json.loads(text))
