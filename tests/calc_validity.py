"""Run by Debian's /usr/bin/python3 (which has LibreOffice's `uno` module), not by pytest:
opens a workbook in a headless LibreOffice Calc, writes values into cells and asks Calc's own
validity check which of them it refuses.

    /usr/bin/python3 calc_validity.py BOOK.xlsx PROFILE_DIR SHEET CELL=VALUE [...] [SAVE.xlsx]

Prints one JSON object: {"CELL": true (accepted) | false (refused), ...}; with SAVE.xlsx, the
values Calc accepts are kept, the refused ones cleared (as Calc's stop message makes the user
do), and the workbook is saved there as Calc saves an .xlsx. A cell's validity is
Calc's: `XSheetAuditing.showInvalid()` marks every cell whose value breaks its validity rule
(the same rule Calc applies when a value is typed) with a circle on the sheet's draw page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str, process):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if process.poll() is not None:
                raise SystemExit(f"soffice stopped ({process.returncode})") from None
            time.sleep(0.1)
    raise SystemExit("soffice did not answer")


def main() -> None:
    book, profile, sheet_name, *cells = sys.argv[1:]
    save = cells.pop() if cells and "=" not in cells[-1] else None
    pipe = f"tfr{uuid.uuid4().hex}"
    process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        context = _connect(pipe, process)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            Path(book).resolve().as_uri(), "_blank", 0, (_prop("Hidden", True),))
        sheet = document.Sheets.getByName(sheet_name)
        names = []
        for item in cells:
            name, value = item.split("=", 1)
            sheet.getCellRangeByName(name).setString(value)
            names.append(name)
        sheet.showInvalid()
        circled = set()
        page = sheet.DrawPage
        for i in range(page.Count):
            shape = page.getByIndex(i)
            anchor = shape.Anchor
            if hasattr(anchor, "CellAddress"):
                a = anchor.CellAddress
                circled.add((a.Column, a.Row))
            else:  # anchored to the page: find the cell under the circle's centre
                pos, size = shape.Position, shape.Size
                for name in names:
                    cell = sheet.getCellRangeByName(name)
                    cp, cs = cell.Position, cell.Size
                    x, y = pos.X + size.Width // 2, pos.Y + size.Height // 2
                    if cp.X <= x <= cp.X + cs.Width and cp.Y <= y <= cp.Y + cs.Height:
                        a = cell.CellAddress
                        circled.add((a.Column, a.Row))
        result = {}
        for name in names:
            a = sheet.getCellRangeByName(name).CellAddress
            result[name] = (a.Column, a.Row) not in circled
        if save is not None:
            for name, accepted in result.items():
                if not accepted:
                    sheet.getCellRangeByName(name).setString("")
            document.storeToURL(Path(save).resolve().as_uri(),
                                (_prop("FilterName", "Calc MS Excel 2007 XML"),))
        document.close(True)
        print(json.dumps(result))
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, 9)


if __name__ == "__main__":
    main()
