<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG" sourcelanguage="en">
<context>
    <name>AgentLoginPage</name>
    <message>
        <source>Agent sign-in</source>
        <translation>تسجيل دخول الموظف</translation>
    </message>
    <message>
        <source>Sign in with your Vlens agent account to open the kiosk for the shift.</source>
        <translation>سجّل الدخول بحساب الموظف في Vlens لفتح الجهاز لهذه الوردية.</translation>
    </message>
    <message>
        <source>User name or email</source>
        <translation>اسم المستخدم أو البريد الإلكتروني</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Choose the kiosk PIN</source>
        <translation>اختر الرقم السري للجهاز</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
</context>
<context>
    <name>CapturePage</name>
    <message>
        <source>Take the picture now</source>
        <translation>التقط الصورة الآن</translation>
    </message>
    <message>
        <source>This side is correct</source>
        <translation>هذا هو الوجه الصحيح</translation>
    </message>
    <message>
        <source>For the agent: the card shown is the side asked for</source>
        <translation>للموظف: البطاقة المعروضة هي الوجه المطلوب</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Your consent</source>
        <translation>موافقتك</translation>
    </message>
    <message>
        <source>To open your account, the bank verifies your identity with the Vlens Digital Identity service. The kiosk will photograph both sides of your national ID card and take three pictures of your face. These biometric data are sent over an encrypted connection, compared with your card and checked with the civil registry. The kiosk keeps nothing once you leave.</source>
        <translation>لفتح حسابك يتحقق البنك من هويتك عبر خدمة الهوية الرقمية Vlens. سيصوّر الجهاز وجهي بطاقة الرقم القومي ويلتقط ثلاث صور لوجهك. تُرسل هذه البيانات الحيوية عبر اتصال مشفّر، وتُقارن ببطاقتك وتُراجع مع السجل المدني. لا يحتفظ الجهاز بأي شيء بعد مغادرتك.</translation>
    </message>
    <message>
        <source>I agree that my ID card and face are processed to verify my identity</source>
        <translation>أوافق على معالجة بطاقتي وصورة وجهي للتحقق من هويتي</translation>
    </message>
    <message>
        <source>I do not agree</source>
        <translation>لا أوافق</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
</context>
<context>
    <name>CustomerPage</name>
    <message>
        <source>Your contact details</source>
        <translation>بيانات التواصل</translation>
    </message>
    <message>
        <source>Mobile phone number</source>
        <translation>رقم الهاتف المحمول</translation>
    </message>
    <message>
        <source>01x xxxx xxxx</source>
        <translation>01x xxxx xxxx</translation>
    </message>
    <message>
        <source>We send the result of the verification to this number.</source>
        <translation>سنرسل نتيجة التحقق إلى هذا الرقم.</translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation>البريد الإلكتروني (اختياري)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>متابعة</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Onboarding Kiosk</source>
        <translation>كشك التسجيل</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>الموظف</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>ما زلت هنا</translation>
    </message>
    <message>
        <source>Sending securely…</source>
        <translation>جارٍ الإرسال بأمان…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>For the agent:</source>
        <translation>للموظف:</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>إنهاء الجلسة</translation>
    </message>
    <message>
        <source>Refer to agent</source>
        <translation>تحويل إلى الموظف</translation>
    </message>
    <message>
        <source>Let the customer try again</source>
        <translation>السماح بمحاولة أخرى</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>إعادة التصوير</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>حاول مرة أخرى</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <source>Agent PIN</source>
        <translation>الرقم السري للموظف</translation>
    </message>
    <message>
        <source>Enter the agent PIN to open the settings or leave kiosk mode.</source>
        <translation>أدخل الرقم السري للموظف لفتح الإعدادات أو الخروج من وضع الكشك.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Your pictures and details are erased from this kiosk when you press Finish.</source>
        <translation>تُمحى صورك وبياناتك من هذا الجهاز عند الضغط على إنهاء.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>إنهاء</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Please check your details</source>
        <translation>يرجى مراجعة بياناتك</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>الاسم (بالإنجليزية)</translation>
    </message>
    <message>
        <source>National ID number</source>
        <translation>الرقم القومي</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Card valid until</source>
        <translation>البطاقة سارية حتى</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>المهنة</translation>
    </message>
    <message>
        <source>The agent compares these details with the card before confirming.</source>
        <translation>يقارن الموظف هذه البيانات بالبطاقة قبل التأكيد.</translation>
    </message>
    <message>
        <source>Refer to the agent</source>
        <translation>تحويل إلى الموظف</translation>
    </message>
    <message>
        <source>Agent: confirm</source>
        <translation>الموظف: تأكيد</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Kiosk settings</source>
        <translation>إعدادات الجهاز</translation>
    </message>
    <message>
        <source>API URL</source>
        <translation>عنوان الخدمة</translation>
    </message>
    <message>
        <source>Tenancy</source>
        <translation>اسم الجهة</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>مفتاح الخدمة</translation>
    </message>
    <message>
        <source>Configuration problem</source>
        <translation>مشكلة في الإعدادات</translation>
    </message>
    <message>
        <source>Not set. IT puts it in /etc/onboarding-kiosk/secrets (root only).</source>
        <translation>غير مضبوط. يضعه فريق تقنية المعلومات في ‎/etc/onboarding-kiosk/secrets (للمسؤول فقط).</translation>
    </message>
    <message>
        <source>Set by IT (/etc/onboarding-kiosk/secrets); it is never shown.</source>
        <translation>ضبطه فريق تقنية المعلومات (‎/etc/onboarding-kiosk/secrets)؛ ولا يُعرض أبدًا.</translation>
    </message>
    <message>
        <source>The kiosk runs on the settings it could read. Ask IT to correct:</source>
        <translation>يعمل الجهاز بالإعدادات التي أمكن قراءتها. اطلب من فريق تقنية المعلومات تصحيح ما يلي:</translation>
    </message>
    <message>
        <source>IT can see the same list with: kioskctl doctor</source>
        <translation>يمكن لفريق تقنية المعلومات رؤية القائمة نفسها بالأمر: kioskctl doctor</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>التسجيل</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>New agent PIN</source>
        <translation>رقم سري جديد للموظف</translation>
    </message>
    <message>
        <source>Captures before the agent</source>
        <translation>محاولات التصوير قبل الموظف</translation>
    </message>
    <message>
        <source>Minimum sharpness</source>
        <translation>أدنى وضوح</translation>
    </message>
    <message>
        <source>Idle timeout (s)</source>
        <translation>مهلة الخمول (ث)</translation>
    </message>
    <message>
        <source>Idle warning (s)</source>
        <translation>تحذير الخمول (ث)</translation>
    </message>
    <message>
        <source>Manual capture after (s)</source>
        <translation>التصوير اليدوي بعد (ث)</translation>
    </message>
    <message>
        <source>Face countdown (s)</source>
        <translation>العد التنازلي للوجه (ث)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>End shift</source>
        <translation>إنهاء الوردية</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>الخروج من الكشك</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Customer images (audit)</source>
        <translation>صور العملاء (مراجعة)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome</source>
        <translation>أهلاً بك</translation>
    </message>
    <message>
        <source>This kiosk will verify your identity in three short steps:</source>
        <translation>سيتحقق هذا الجهاز من هويتك في ثلاث خطوات قصيرة:</translation>
    </message>
    <message>
        <source>1. The front of your national ID card
2. The back of your national ID card
3. A short look at the camera</source>
        <translation>١. الوجه الأمامي لبطاقة الرقم القومي
٢. الوجه الخلفي لبطاقة الرقم القومي
٣. نظرة قصيرة إلى الكاميرا</translation>
    </message>
    <message>
        <source>Choose your language</source>
        <translation>اختر لغتك</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>ابدأ</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>اقرأ الشاشة بصوت عالٍ</translation>
    </message>
</context>
<context>
    <name>kiosk::AgentLoginPage</name>
    <message>
        <source>Enter your user name and password.</source>
        <translation>أدخل اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Choose a PIN of 6 to 12 digits: it unlocks the settings and the exit.</source>
        <translation>اختر رقماً سرياً من ٦ إلى ١٢ رقماً: يفتح الإعدادات والخروج.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>جارٍ تسجيل الدخول…</translation>
    </message>
    <message>
        <source>Sign-in refused %1 times. Try again in %2.</source>
        <translation>رُفض تسجيل الدخول %1 مرات. حاول مرة أخرى بعد %2.</translation>
    </message>
    <message>
        <source>Tenancy: not configured</source>
        <translation>الجهة: غير مُعدّة</translation>
    </message>
    <message>
        <source>Tenancy: %1</source>
        <translation>الجهة: %1</translation>
    </message>
</context>
<context>
    <name>kiosk::CapturePage</name>
    <message>
        <source>Front of your ID card</source>
        <translation>الوجه الأمامي للبطاقة</translation>
    </message>
    <message>
        <source>Back of your ID card</source>
        <translation>الوجه الخلفي للبطاقة</translation>
    </message>
    <message>
        <source>A short look at the camera</source>
        <translation>نظرة قصيرة إلى الكاميرا</translation>
    </message>
    <message>
        <source>Picture taken. Checking it now…</source>
        <translation>تم التقاط الصورة. جارٍ التحقق منها…</translation>
    </message>
    <message>
        <source>Look at the camera and hold still</source>
        <translation>انظر إلى الكاميرا وابقَ ثابتاً</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>ابقَ ثابتاً…</translation>
    </message>
    <message>
        <source>Please hold still and look at the camera, we take the pictures again.</source>
        <translation>يرجى الثبات والنظر إلى الكاميرا، سنعيد التقاط الصور.</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>جارٍ تشغيل الكاميرا…</translation>
    </message>
</context>
<context>
    <name>kiosk::CustomerPage</name>
    <message>
        <source>Please check the email address, or leave it empty.</source>
        <translation>يرجى التحقق من البريد الإلكتروني أو تركه فارغاً.</translation>
    </message>
    <message>
        <source>Please enter an Egyptian mobile number such as 010 1234 5678, or an international number starting with +.</source>
        <translation>يرجى إدخال رقم محمول مصري مثل 010 1234 5678، أو رقم دولي يبدأ بـ +.</translation>
    </message>
    <message>
        <source>We send the result of the verification to this number.</source>
        <translation>سنرسل نتيجة التحقق إلى هذا الرقم.</translation>
    </message>
</context>
<context>
    <name>kiosk::MainWindow</name>
    <message>
        <source>We could not confirm that a live person is in front of the camera. Please look straight at the camera, without glasses or a cap.</source>
        <translation>لم نتمكن من التأكد من وجود شخص حقيقي أمام الكاميرا. يرجى النظر مباشرة إلى الكاميرا بدون نظارة أو غطاء رأس.</translation>
    </message>
    <message>
        <source>This card could not be confirmed as genuine. Please use your original national ID card.</source>
        <translation>تعذّر التأكد من أن هذه البطاقة أصلية. يرجى استخدام بطاقة الرقم القومي الأصلية.</translation>
    </message>
    <message>
        <source>Your pictures are kept: press Try again to send them again.</source>
        <translation>صورك محفوظة: اضغط «حاول مرة أخرى» لإرسالها من جديد.</translation>
    </message>
    <message>
        <source>Please take the picture again.</source>
        <translation>يرجى التقاط الصورة مرة أخرى.</translation>
    </message>
    <message>
        <source>Please ask the agent for help.</source>
        <translation>يرجى طلب المساعدة من الموظف.</translation>
    </message>
    <message>
        <source>Edit the details</source>
        <translation>تعديل البيانات</translation>
    </message>
    <message>
        <source>Retake</source>
        <translation>إعادة التصوير</translation>
    </message>
    <message>
        <source>Are you still there? For your privacy this session ends in %1 seconds.</source>
        <translation>هل ما زلت هنا؟ حفاظاً على خصوصيتك تنتهي هذه الجلسة خلال %1 ثانية.</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>الخطوة %1 من %2</translation>
    </message>
    <message>
        <source>Identity service: not configured</source>
        <translation>خدمة التحقق من الهوية: غير مُعدّة</translation>
    </message>
    <message>
        <source>Identity service: %1</source>
        <translation>خدمة التحقق من الهوية: %1</translation>
    </message>
</context>
<context>
    <name>kiosk::PinPage</name>
    <message>
        <source>Locked after %1 wrong PINs. Try again in %2.</source>
        <translation>مقفل بعد %1 محاولات خاطئة للرقم السري. حاول مرة أخرى بعد %2.</translation>
    </message>
    <message>
        <source>No agent PIN is set yet: sign in as the agent to choose one.</source>
        <translation>لم يُحدَّد رقم سري للموظف بعد: سجّل الدخول كموظف لاختياره.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>رقم سري خاطئ.</translation>
    </message>
</context>
<context>
    <name>kiosk::ResultPage</name>
    <message>
        <source>Your identity is verified</source>
        <translation>تم التحقق من هويتك</translation>
    </message>
    <message>
        <source>Thank you. Your card and your face match, and the civil registry confirmed your details.</source>
        <translation>شكراً لك. وجهك مطابق لبطاقتك، وأكّد السجل المدني بياناتك.</translation>
    </message>
    <message>
        <source>Your details are validated</source>
        <translation>تم اعتماد بياناتك</translation>
    </message>
    <message>
        <source>Your card and your face match. The check with the civil registry is not complete yet: the agent will tell you what happens next.</source>
        <translation>وجهك مطابق لبطاقتك. لم تكتمل المراجعة مع السجل المدني بعد: سيخبرك الموظف بالخطوة التالية.</translation>
    </message>
    <message>
        <source>We could not verify your identity</source>
        <translation>لم نتمكن من التحقق من هويتك</translation>
    </message>
    <message>
        <source>Please speak to the agent, who can help you continue.</source>
        <translation>يرجى التحدث إلى الموظف ليساعدك على المتابعة.</translation>
    </message>
    <message>
        <source>Please see the agent</source>
        <translation>يرجى التوجه إلى الموظف</translation>
    </message>
    <message>
        <source>The agent will complete your registration with you at the counter.</source>
        <translation>سيُكمل الموظف تسجيلك معك عند الشباك.</translation>
    </message>
    <message>
        <source>Your ID card was read.</source>
        <translation>تمت قراءة بطاقتك.</translation>
    </message>
    <message>
        <source>The card could not be confirmed as genuine.</source>
        <translation>تعذّر التأكد من أن البطاقة أصلية.</translation>
    </message>
    <message>
        <source>The card is genuine.</source>
        <translation>البطاقة أصلية.</translation>
    </message>
    <message>
        <source>A live person was in front of the camera.</source>
        <translation>تم التأكد من وجود شخص حقيقي أمام الكاميرا.</translation>
    </message>
    <message>
        <source>The live-person check did not pass.</source>
        <translation>لم ينجح التحقق من وجود شخص حقيقي.</translation>
    </message>
    <message>
        <source>Your face matches the photo on your card.</source>
        <translation>وجهك مطابق للصورة على بطاقتك.</translation>
    </message>
    <message>
        <source>The comparison of your face with the card is not complete.</source>
        <translation>لم تكتمل مقارنة وجهك بالبطاقة.</translation>
    </message>
    <message>
        <source>The civil registry confirmed your details.</source>
        <translation>أكّد السجل المدني بياناتك.</translation>
    </message>
    <message>
        <source>The civil registry did not confirm your details.</source>
        <translation>لم يؤكد السجل المدني بياناتك.</translation>
    </message>
    <message>
        <source>The screening lists need a review by the bank.</source>
        <translation>تحتاج قوائم الفحص إلى مراجعة من البنك.</translation>
    </message>
    <message>
        <source>No match on the screening lists.</source>
        <translation>لا تطابق في قوائم الفحص.</translation>
    </message>
    <message>
        <source>Some details on the card need checking by the agent.</source>
        <translation>بعض بيانات البطاقة تحتاج إلى مراجعة الموظف.</translation>
    </message>
</context>
<context>
    <name>kiosk::ReviewPage</name>
    <message>
        <source>The ID number does not have 14 digits.</source>
        <translation>الرقم القومي لا يتكون من ١٤ رقماً.</translation>
    </message>
    <message>
        <source>The ID number contains characters that are not digits.</source>
        <translation>الرقم القومي يحتوي على رموز ليست أرقاماً.</translation>
    </message>
    <message>
        <source>The ID number's century digit is not valid.</source>
        <translation>رقم القرن في الرقم القومي غير صحيح.</translation>
    </message>
    <message>
        <source>The birth date in the ID number is not a real date.</source>
        <translation>تاريخ الميلاد في الرقم القومي ليس تاريخاً صحيحاً.</translation>
    </message>
    <message>
        <source>The birth date in the ID number is in the future.</source>
        <translation>تاريخ الميلاد في الرقم القومي في المستقبل.</translation>
    </message>
    <message>
        <source>The governorate code in the ID number is unknown.</source>
        <translation>كود المحافظة في الرقم القومي غير معروف.</translation>
    </message>
    <message>
        <source>The ID number's check digit differs from the usual rule: compare it with the card.</source>
        <translation>رقم التحقق في الرقم القومي يخالف القاعدة المعتادة: قارنه بالبطاقة.</translation>
    </message>
    <message>
        <source>The numbers read on the front and the back differ.</source>
        <translation>الرقم المقروء على الوجه الأمامي يختلف عن الخلفي.</translation>
    </message>
    <message>
        <source>The birth date read differs from the one in the ID number.</source>
        <translation>تاريخ الميلاد المقروء يختلف عن الموجود في الرقم القومي.</translation>
    </message>
    <message>
        <source>The gender read differs from the one in the ID number.</source>
        <translation>النوع المقروء يختلف عن الموجود في الرقم القومي.</translation>
    </message>
    <message>
        <source>The card has expired.</source>
        <translation>انتهت صلاحية البطاقة.</translation>
    </message>
    <message>
        <source>The card's expiry date could not be read correctly.</source>
        <translation>تعذّرت قراءة تاريخ انتهاء البطاقة بشكل صحيح.</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <source>The ID number agrees with the birth date, gender and expiry read from the card.</source>
        <translation>الرقم القومي يتفق مع تاريخ الميلاد والنوع وتاريخ الانتهاء المقروءة من البطاقة.</translation>
    </message>
</context>
<context>
    <name>kiosk::SettingsPage</name>
    <message>
        <source>System default</source>
        <translation>الافتراضي للنظام</translation>
    </message>
    <message>
        <source>The API URL must start with https:// (http:// only for this computer).</source>
        <translation>يجب أن يبدأ عنوان الخدمة بـ https://‏ (و http://‏ لهذا الجهاز فقط).</translation>
    </message>
    <message>
        <source>The PIN must have 6 to 12 digits.</source>
        <translation>يجب أن يتكون الرقم السري من ٦ إلى ١٢ رقماً.</translation>
    </message>
    <message>
        <source>Some settings could not be saved: %1</source>
        <translation>تعذّر حفظ بعض الإعدادات: %1</translation>
    </message>
    <message>
        <source>Saved. Mode, thresholds and timeouts apply to the next customer; the service, API key and camera after a restart.</source>
        <translation>تم الحفظ. يُطبَّق الوضع والحدود والمهلات على العميل التالي، والخدمة ومفتاحها والكاميرا بعد إعادة التشغيل.</translation>
    </message>
    <message>
        <source>Register first, then capture</source>
        <translation>التسجيل أولاً ثم التصوير</translation>
    </message>
    <message>
        <source>Capture first, then register</source>
        <translation>التصوير أولاً ثم التسجيل</translation>
    </message>
</context>
<context>
    <name>AuditWidget</name>
    <message>
        <source>Customer audit</source>
        <translation>مراجعة بيانات العميل</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>إل&amp;غاء</translation>
    </message>
    <message>
        <source>Stop the requests in progress</source>
        <translation>إيقاف الطلبات الجارية</translation>
    </message>
</context>
<context>
    <name>BoldSignAuditTab</name>
    <message>
        <source>&amp;Document ID:</source>
        <translation>رقم ال&amp;مستند:</translation>
    </message>
    <message>
        <source>Signer reached by:</source>
        <translation>وسيلة التواصل مع الموقّع:</translation>
    </message>
    <message>
        <source>E&amp;mail</source>
        <translation>البريد الإل&amp;كتروني</translation>
    </message>
    <message>
        <source>&amp;Phone (SMS)</source>
        <translation>ال&amp;هاتف (رسالة نصية)</translation>
    </message>
    <message>
        <source>Signer &amp;email:</source>
        <translation>البريد الإلكتروني لل&amp;موقّع:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Country &amp;code:</source>
        <translation>&amp;رمز الدولة:</translation>
    </message>
    <message>
        <source>P&amp;hone number:</source>
        <translation>رقم ال&amp;هاتف:</translation>
    </message>
    <message>
        <source>Signer &amp;order:</source>
        <translation>&amp;ترتيب الموقّع:</translation>
    </message>
    <message>
        <source>&amp;Get report</source>
        <translation>&amp;عرض التقرير</translation>
    </message>
    <message>
        <source>Verification report</source>
        <translation>تقرير التحقق</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>النتيجة:</translation>
    </message>
    <message>
        <source>Verified on:</source>
        <translation>تاريخ التحقق:</translation>
    </message>
    <message>
        <source>Document type:</source>
        <translation>نوع المستند:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>الدولة:</translation>
    </message>
    <message>
        <source>Document expires:</source>
        <translation>تاريخ انتهاء المستند:</translation>
    </message>
    <message>
        <source>Document files:</source>
        <translation>ملفات المستند:</translation>
    </message>
    <message>
        <source>Selfie file:</source>
        <translation>ملف الصورة الذاتية:</translation>
    </message>
</context>
<context>
    <name>VlensAuditTab</name>
    <message>
        <source>Search a customer by phone number (+20…) or email to see the images stored when the identity was verified.</source>
        <translation>ابحث عن العميل برقم الهاتف (⁦+20…⁩) أو بالبريد الإلكتروني لعرض الصور المحفوظة عند التحقق من هويته.</translation>
    </message>
    <message>
        <source>C&amp;ustomer:</source>
        <translation>ال&amp;عميل:</translation>
    </message>
    <message>
        <source>+201001234567 or name@example.com</source>
        <translation>⁦+201001234567⁩ أو name@example.com</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;بحث</translation>
    </message>
</context>
<context>
    <name>ImageViewerDialog</name>
    <message>
        <source>Customer image</source>
        <translation>صورة العميل</translation>
    </message>
    <message>
        <source>The image at full size</source>
        <translation>الصورة بحجمها الكامل</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;ملاءمة النافذة</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <source>Save this image to a folder you choose (it is the customer&apos;s personal data)</source>
        <translation>حفظ هذه الصورة في مجلد تختاره (إنها من البيانات الشخصية للعميل)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
</context>
<context>
    <name>kiosk::AuditFetcher</name>
    <message>
        <source>Request ID for support: %1</source>
        <translation>رقم الطلب للدعم الفني: %1</translation>
    </message>
    <message>
        <source>The image could not be fetched.</source>
        <translation>تعذّر جلب الصورة.</translation>
    </message>
</context>
<context>
    <name>kiosk::AuditWidget</name>
    <message>
        <source>&amp;Vlens verification</source>
        <translation>تحقق &amp;Vlens</translation>
    </message>
    <message>
        <source>&amp;BoldSign verification</source>
        <translation>تحقق &amp;BoldSign</translation>
    </message>
    <message>
        <source>BoldSign is not configured on this kiosk.</source>
        <translation>خدمة BoldSign غير مُعدّة على هذا الجهاز.</translation>
    </message>
</context>
<context>
    <name>kiosk::BoldSignAuditTab</name>
    <message>
        <source>Selfie</source>
        <translation>الصورة الذاتية</translation>
    </message>
    <message>
        <source>Document image %1</source>
        <translation>صورة المستند %1</translation>
    </message>
    <message>
        <source>Enter the document ID and the signer's email, or country code and phone number.</source>
        <translation>أدخل رقم المستند والبريد الإلكتروني للموقّع، أو رمز الدولة ورقم الهاتف.</translation>
    </message>
    <message>
        <source>Fetching the verification report…</source>
        <translation>جارٍ جلب تقرير التحقق…</translation>
    </message>
    <message>
        <source>This signer has not verified their identity yet, or this BoldSign account did not send the document.</source>
        <translation>لم يُكمل هذا الموقّع التحقق من هويته بعد، أو أن حساب BoldSign هذا ليس مُرسِل المستند.</translation>
    </message>
    <message>
        <source>BoldSign did not accept the document ID or the signer. Check both.</source>
        <translation>لم تقبل خدمة BoldSign رقم المستند أو الموقّع. راجع كليهما.</translation>
    </message>
    <message>
        <source>BoldSign rejected this kiosk's API key. Ask an administrator to check the settings.</source>
        <translation>رفضت خدمة BoldSign مفتاح الواجهة البرمجية لهذا الجهاز. اطلب من المسؤول مراجعة الإعدادات.</translation>
    </message>
    <message>
        <source>The verification report could not be fetched.</source>
        <translation>تعذّر جلب تقرير التحقق.</translation>
    </message>
    <message>
        <source>Report request cancelled.</source>
        <translation>أُلغي طلب التقرير.</translation>
    </message>
    <message>
        <source>Images in the report: %1</source>
        <translation>عدد الصور في التقرير: %1</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>ناجح</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>غير ناجح</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1 (%2: %3)</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>غير مذكور</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا يوجد</translation>
    </message>
</context>
<context>
    <name>kiosk::VlensAuditTab</name>
    <message>
        <source>ID card, front</source>
        <translation>البطاقة، الوجه الأمامي</translation>
    </message>
    <message>
        <source>ID card, back</source>
        <translation>البطاقة، الوجه الخلفي</translation>
    </message>
    <message>
        <source>Liveness</source>
        <translation>التحقق من الحيوية</translation>
    </message>
    <message>
        <source>Face 1</source>
        <translation>صورة الوجه ١</translation>
    </message>
    <message>
        <source>Face 2</source>
        <translation>صورة الوجه ٢</translation>
    </message>
    <message>
        <source>Face 3</source>
        <translation>صورة الوجه ٣</translation>
    </message>
    <message>
        <source>Enter the customer's phone number or email.</source>
        <translation>أدخل رقم هاتف العميل أو بريده الإلكتروني.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>No customer with this phone number or email is known to the identity service.</source>
        <translation>لا يوجد لدى خدمة التحقق من الهوية عميل بهذا الرقم أو البريد الإلكتروني.</translation>
    </message>
    <message>
        <source>Your agent account may not view customer images: it needs the “Requests” permission.</source>
        <translation>حساب الموظف الخاص بك غير مسموح له بعرض صور العملاء: يلزمه تصريح ”Requests“.</translation>
    </message>
    <message>
        <source>Your agent sign-in is no longer valid. Sign in again.</source>
        <translation>لم يعد تسجيل دخولك كموظف صالحًا. سجّل الدخول مرة أخرى.</translation>
    </message>
    <message>
        <source>The search failed.</source>
        <translation>تعذّر البحث.</translation>
    </message>
    <message>
        <source>Search cancelled.</source>
        <translation>أُلغي البحث.</translation>
    </message>
    <message>
        <source>The service did not say which transaction holds this image, so it cannot be fetched.</source>
        <translation>لم تحدد الخدمة المعاملة التي تحتوي على هذه الصورة، لذا يتعذّر جلبها.</translation>
    </message>
    <message>
        <source>This customer has no stored images: no verification step was completed.</source>
        <translation>لا توجد صور محفوظة لهذا العميل: لم تكتمل أي خطوة من خطوات التحقق.</translation>
    </message>
    <message>
        <source>The service listed images without their transaction, so they cannot be fetched.</source>
        <translation>أدرجت الخدمة الصور دون المعاملة الخاصة بها، لذا يتعذّر جلبها.</translation>
    </message>
    <message>
        <source>Transaction %1: %2 of %3 images stored.</source>
        <translation>المعاملة %1: %2 من %3 صور محفوظة.</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageExporter</name>
    <message>
        <source>Choose a folder for %1</source>
        <translation>اختر مجلدًا لحفظ %1</translation>
    </message>
    <message>
        <source>Save this customer image to %1?

It is the customer&apos;s personal data: keep it only as long as the audit needs it, then delete it.</source>
        <translation>هل تريد حفظ صورة العميل هذه في %1؟

إنها من البيانات الشخصية للعميل: احتفظ بها طوال مدة المراجعة فقط، ثم احذفها.</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>الملف %1 موجود بالفعل. هل تريد استبداله؟</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>تصدير الصورة</translation>
    </message>
    <message>
        <source>Saved to %1 (readable only by you). Delete it when the audit is done.</source>
        <translation>حُفظت في %1 (يمكنك أنت وحدك قراءتها). احذفها عند انتهاء المراجعة.</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was saved.</source>
        <translation>أُلغي التصدير: لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>%1 already exists and was not replaced: nothing was saved.</source>
        <translation>الملف %1 موجود بالفعل ولم يُستبدل: لم يُحفظ أي شيء.</translation>
    </message>
    <message>
        <source>The image could not be saved: %1</source>
        <translation>تعذّر حفظ الصورة: %1</translation>
    </message>
    <message>
        <source>%1 already exists</source>
        <translation>الملف %1 موجود بالفعل</translation>
    </message>
    <message>
        <source>%1 could not be replaced</source>
        <translation>تعذّر استبدال %1</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageThumbnail</name>
    <message>
        <source>The file is not an image this kiosk can show.</source>
        <translation>الملف ليس صورة يستطيع هذا الجهاز عرضها.</translation>
    </message>
    <message>
        <source>Not stored</source>
        <translation>غير محفوظة</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Failed: press to retry</source>
        <translation>تعذّر: اضغط لإعادة المحاولة</translation>
    </message>
</context>
<context>
    <name>kiosk::ImageViewerDialog</name>
    <message>
        <source>%1 × %2 pixels, %3, %4</source>
        <translation>%1 × %2 بكسل، %3، %4</translation>
    </message>
</context>
<context>
    <name>kiosk::AuditPage</name>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
</context>
<context>
    <name>kiosk::TouchKeyboard</name>
    <message>
        <source>Shift</source>
        <translation>الحروف الكبيرة</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>الحروف</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>الرموز</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
</context>
</TS>
