"""Makes the county workbooks of OfficeWorkbookTests with two different writers.

Run with a Python that has xlsxwriter and openpyxl (e.g. /tmp/bulletin-tools-venv/bin/python):
    python make_office_ledgers.py
武都区.xlsx comes from xlsxwriter: a notes sheet first, then 台账 with a merged title, a
填报 line, a two-row header (县区… merged down two rows, 改造进度 across 开工日期|竣工日期), the
county merged down its rows, ID numbers as text, a date cell, a Chinese-format date cell, text
dates, an eight-digit number, a wrong 小计, a 合计 formula with its cached value, a footer.
成县.xlsx comes from openpyxl: one sheet, a title row, a one-row header, date cells.
"""
import datetime
import openpyxl
import xlsxwriter

book = xlsxwriter.Workbook("武都区.xlsx")
notes = book.add_worksheet("填表说明")
notes.write("A1", "填表说明：每户一行，身份证号填写18位。")
sheet = book.add_worksheet("台账")
date = book.add_format({"num_format": "yyyy-mm-dd"})
chinese_date = book.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
sheet.merge_range("A1:I1", "武都区2020年农村危房改造台账")
sheet.write("A2", "填报单位：武都区住建局")
sheet.write("E2", "填报日期：2020年10月10日")
for column, title in enumerate(["县区", "乡镇", "村", "户主", "身份证号", "等级", "人数"]):
    sheet.merge_range(2, column, 3, column, title)
sheet.merge_range("H3:I3", "改造进度")
sheet.write("H4", "开工日期")
sheet.write("I4", "竣工日期")
sheet.merge_range("A5:A7", "武都区")
rows = [
    ("城关镇", "孟家山社区", "张三丰", "62120219800101123X", "C", 3),
    ("汉王", "寺林山村", "李四光", "621202198502024321", "D", 4),
    ("城关\u3000街道", "", "王五", "621202197003035678", "C", 1),
]
for offset, (township, village, name, idn, grade, people) in enumerate(rows):
    row = 4 + offset
    sheet.write_string(row, 1, township)
    if village:
        sheet.write_string(row, 2, village)
    sheet.write_string(row, 3, name)
    sheet.write_string(row, 4, idn)
    sheet.write_string(row, 5, grade)
    sheet.write_number(row, 6, people)
sheet.write_datetime("H5", datetime.datetime(2020, 3, 5), date)
sheet.write_string("I5", "2020/6/30")
sheet.write_number("H6", 20200401)
sheet.write_string("H7", "2020年5月1日")
sheet.write_datetime("I7", datetime.datetime(2020, 10, 12), chinese_date)
sheet.write_string("A8", "武都区小计")
sheet.write_number("G8", 9)
sheet.write_string("A9", "合计")
sheet.write_formula("G9", "=SUM(G5:G7)", None, 8)
sheet.write_string("A10", "填表人：钱七")
sheet.write_string("E10", "审核人：孙八")
book.close()

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Sheet1"
sheet.append(["成县2020年农村危房改造台账"])
sheet.append(["县区", "乡镇", "村", "户主", "身份证号", "等级", "人数", "开工日期", "竣工日期"])
sheet.append(["成县", "城关", None, "赵六", "621221199004046789", "D", 2,
              datetime.datetime(2020, 4, 1), datetime.datetime(2020, 9, 30)])
sheet.append(["成县小计", None, None, None, None, None, 2])
book.save("成县.xlsx")
