<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG" sourcelanguage="en">
<context>
    <name>Guidance</name>
    <message>
        <source>Place your ID card inside the frame</source>
        <translation>ضع بطاقة الرقم القومي داخل الإطار</translation>
    </message>
    <message>
        <source>Move the card closer</source>
        <translation>قرّب البطاقة من الكاميرا</translation>
    </message>
    <message>
        <source>Move the card back so all of it is visible</source>
        <translation>أبعد البطاقة قليلاً حتى تظهر كاملة</translation>
    </message>
    <message>
        <source>Hold the card flat and straight</source>
        <translation>أمسك البطاقة مستوية ومستقيمة</translation>
    </message>
    <message>
        <source>Tilt the card slightly to avoid glare</source>
        <translation>أمِل البطاقة قليلاً لتجنّب لمعان الضوء</translation>
    </message>
    <message>
        <source>The picture is blurred: hold the card steady</source>
        <translation>الصورة غير واضحة: ثبّت البطاقة</translation>
    </message>
    <message>
        <source>Too dark: move to better light</source>
        <translation>الإضاءة ضعيفة: انتقل إلى مكان أفضل إضاءة</translation>
    </message>
    <message>
        <source>Too bright: move away from direct light</source>
        <translation>الإضاءة شديدة: ابتعد عن الضوء المباشر</translation>
    </message>
    <message>
        <source>Hold still</source>
        <translation>اثبت بلا حركة</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>جاهز</translation>
    </message>
    <message>
        <source>Look at the camera</source>
        <translation>انظر إلى الكاميرا</translation>
    </message>
    <message>
        <source>Only one person in front of the camera, please</source>
        <translation>من فضلك، شخص واحد فقط أمام الكاميرا</translation>
    </message>
    <message>
        <source>Come closer to the camera</source>
        <translation>اقترب من الكاميرا</translation>
    </message>
    <message>
        <source>Move back a little from the camera</source>
        <translation>ابتعد قليلاً عن الكاميرا</translation>
    </message>
    <message>
        <source>Centre your face in the frame</source>
        <translation>ضع وجهك في منتصف الإطار</translation>
    </message>
</context>
</TS>
