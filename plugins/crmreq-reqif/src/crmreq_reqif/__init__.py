"""crmreq-reqif — export a crmreq specification's requirements as ReqIF 1.2.

    pip install crmreq-reqif
    crmreq export reqif examples/fr-negoce -o cahier-des-charges.reqif

Registered through the `crmreq` entry point (`reqif = "crmreq_reqif"`). The format is not
part of `crmreq export pack` (`in_pack=False`): a vendor pack is read by people; ReqIF is for
requirements-management tools (DOORS, Polarion, Jama, Codebeamer, ReqIF Studio).

The writer (`crmreq_reqif.writer`) is imported only when a ReqIF file is actually written,
so installing the plugin costs `crmreq lint` nothing.
"""

from __future__ import annotations

from crmreq import Exporter, hookimpl

__version__ = "0.1.0"


def write(spec, path, options):
    from .writer import write_reqif

    write_reqif(spec, path, options)


EXPORTER = Exporter(
    name="reqif",
    extension="reqif",
    write=write,
    description={
        "fr": "Exigences au format ReqIF 1.2 (DOORS, Polarion, Jama…), identifiants stables",
        "en": "Requirements as ReqIF 1.2 (DOORS, Polarion, Jama…), stable identifiers",
    },
    in_pack=False,
)


@hookimpl
def crmreq_register_exporters():
    return [EXPORTER]
