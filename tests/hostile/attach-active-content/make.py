"""A report whose opening, page, link and name tree run JavaScript, launch a program and embed an .exe."""
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject


def d(**entries):
    return DictionaryObject({NameObject("/" + k): v for k, v in entries.items()})


def js(marker):
    return d(S=NameObject("/JavaScript"), JS=TextStringObject(marker))


writer = PdfWriter()
writer.add_blank_page(595, 842)
root = writer._root_object
root[NameObject("/OpenAction")] = writer._add_object(js("HOSTILEOPEN"))
exe = DecodedStreamObject()
exe.set_data(b"MZ HOSTILE-EXE")
spec = d(Type=NameObject("/Filespec"), F=TextStringObject("setup.exe"), EF=d(F=writer._add_object(exe)))
root[NameObject("/Names")] = d(JavaScript=d(Names=ArrayObject([TextStringObject("x"), writer._add_object(js("HOSTILEDOC"))])),
                               EmbeddedFiles=d(Names=ArrayObject([TextStringObject("setup.exe"), writer._add_object(spec)])))
page = writer.pages[0]
page[NameObject("/AA")] = d(O=js("HOSTILEPAGE"))
rect = ArrayObject([NumberObject(v) for v in (10, 10, 100, 30)])
page[NameObject("/Annots")] = ArrayObject([writer._add_object(d(
    Type=NameObject("/Annot"), Subtype=NameObject("/Link"), Rect=rect,
    A=d(S=NameObject("/Launch"), F=TextStringObject("HOSTILELAUNCH.exe"))))])
writer.write("report.pdf")
