"""Makes the workbook fixtures of Tests/BulletinKitTests/Workbook/WorkbookFixtureTests.swift.

Run with the tools venv (openpyxl, xlsxwriter) and LibreOffice's soffice on the PATH:
    /tmp/bulletin-tools-venv/bin/python make_workbooks.py
Three writers, so the reader meets each one's habits: openpyxl (inline strings, rich text, no
cached formula values), xlsxwriter (shared strings with a rich-text run, cached formula values,
the 1904 date system, the Chinese built-in date formats 31 and 58) and LibreOffice converting a
CSV (shared strings, an ISO date made a date cell, long codes as numbers).
"""
import datetime
import os
import shutil
import subprocess
import tempfile

import openpyxl
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = os.path.dirname(os.path.abspath(__file__))


def openpyxl_ledger():
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "填表说明：日期填写为日期格式"
    ws = wb.create_sheet("台账")
    ws["A1"] = "武都区2020年农村危房改造台账"
    ws.merge_cells("A1:G1")
    ws["A2"] = "填报单位：武都区住建局  填报日期：2020年11月5日"
    for column, text in zip("ABCFG", ["序号", "县区", "户主", "补助资金", "备注"]):
        ws[f"{column}3"] = text
        ws.merge_cells(f"{column}3:{column}4")
    ws["D3"] = "改造进度"
    ws.merge_cells("D3:E3")
    ws["D4"] = "开工日期"
    ws["E4"] = "竣工日期"
    ws["B5"] = "武都区"
    ws.merge_cells("B5:B8")
    rows = [
        # 序号, 户主, 开工日期 (value, format), 竣工日期 (value, format), 补助资金, 备注
        (1, "张三", (datetime.date(2020, 3, 2), "yyyy-mm-dd"), ("2020/10/31", None), 20000, True),
        (2, CellRichText([TextBlock(InlineFont(b=True), "李"), "四"]),
         (datetime.date(2020, 4, 15), 'yyyy"年"m"月"d"日"'), (20201031, None), "=1000*2", "#N/A"),
        (3, "王五", (datetime.date(2020, 5, 6), 14), (datetime.datetime(2020, 11, 5, 14, 30), "yyyy-mm-dd hh:mm"),
         12345678, None),
        (4, "赵六", (datetime.date(2020, 6, 7), "yyyy/m/d;@"), (None, None), 0.1, "  说明  "),
    ]
    for offset, (number, holder, start, done, money, note) in enumerate(rows):
        row = 5 + offset
        ws.cell(row, 1, number)
        ws.cell(row, 3, holder)
        for column, (value, number_format) in ((4, start), (5, done)):
            if value is None:
                continue
            cell = ws.cell(row, column, value)
            if isinstance(number_format, int):
                cell.number_format = openpyxl.styles.numbers.BUILTIN_FORMATS[number_format]
            elif number_format:
                cell.number_format = number_format
        ws.cell(row, 6, money)
        if note is not None:
            ws.cell(row, 7, note)
    ws["A10"] = "合计"
    ws["F10"] = 20000 + 2000 + 12345678
    wb.save(os.path.join(HERE, "ledger-openpyxl.xlsx"))


def xlsxwriter_ledger():
    path = os.path.join(HERE, "ledger-xlsxwriter-1904.xlsx")
    wb = xlsxwriter.Workbook(path, {"date_1904": True})
    notes = wb.add_worksheet("说明")
    notes.write_string(0, 0, "本表由县住建局填报")
    ws = wb.add_worksheet("台账")
    merged = wb.add_format({"valign": "vcenter"})
    day = wb.add_format({"num_format": 14})
    chinese = wb.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    built_in_31 = wb.add_format({"num_format": 31})  # yyyy"年"m"月"d"日" on a Chinese Excel
    built_in_58 = wb.add_format({"num_format": 58})  # m"月"d"日" on a Chinese Excel
    ws.write_row(0, 0, ["县区", "乡镇", "户主", "竣工日期", "人数", "检查", "开工日期"])
    ws.merge_range(1, 0, 3, 0, "文县", merged)
    ws.write_string(1, 1, "城关镇")
    ws.write_string(1, 2, "甲")
    ws.write_datetime(1, 3, datetime.date(2020, 10, 31), day)
    ws.write_number(1, 4, 3)
    ws.write_formula(1, 5, '=IF(E2>2,"多","少")', None, "多")
    ws.write_datetime(1, 6, datetime.date(2020, 3, 1), built_in_31)
    ws.write_string(2, 1, "城关镇")
    ws.write_rich_string(2, 2, wb.add_format({"bold": True}), "乙", "二")
    ws.write_datetime(2, 3, datetime.date(2021, 1, 1), chinese)
    ws.write_formula(2, 4, "=1+1", None, 2)
    ws.write_formula(2, 5, "=NA()", None, "#N/A")
    ws.write_datetime(2, 6, datetime.date(2020, 2, 29), built_in_58)
    ws.write_string(3, 1, "碧口镇")
    ws.write_string(3, 2, "丙")
    ws.write_string(3, 3, "2020年6月5日")
    ws.write_number(3, 4, 1.5)
    ws.write_boolean(3, 5, False)
    # Row 5 left empty; row 6 has a cell far to the right only.
    ws.write_string(5, 7, "尾注")
    wb.close()


def libreoffice_ledger():
    csv = (
        "危房改造台账,,,\n"
        "村代码,户主,竣工日期,补助\n"
        "621202100201,张三,2020-10-31,20201031\n"
        "621202100202,李四,2020/11/5,1234.5\n"
        "621202100203,王五,,\n"
        "合计,,,20202265.5\n"
    )
    work = tempfile.mkdtemp()
    try:
        source = os.path.join(work, "ledger-libreoffice.csv")
        with open(source, "w", encoding="utf-8") as handle:
            handle.write(csv)
        subprocess.run(
            ["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", work, source],
            check=True, capture_output=True)
        shutil.copy(os.path.join(work, "ledger-libreoffice.xlsx"), os.path.join(HERE, "ledger-libreoffice.xlsx"))
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    openpyxl_ledger()
    xlsxwriter_ledger()
    libreoffice_ledger()
