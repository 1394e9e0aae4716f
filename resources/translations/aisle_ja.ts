<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>ApprovalPanel</name>
    <message>
        <source>A supervisor approves: tap your name, then type your PIN.</source>
        <translation>責任者の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Supervisor&apos;s PIN</source>
        <translation>責任者の暗証番号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>暗証番号</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Nobody on this device may approve this.</source>
        <translation>この端末には承認できるスタッフがいません。</translation>
    </message>
    <message>
        <source>Tap the supervisor&apos;s name first.</source>
        <translation>先に責任者の名前をタップしてください。</translation>
    </message>
</context>
<context>
    <name>BootstrapView</name>
    <message>
        <source>Getting this device ready</source>
        <translation>この端末を準備しています</translation>
    </message>
    <message>
        <source>Downloading the catalog, prices and stock…</source>
        <translation>商品、価格、在庫をダウンロードしています…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Downloading {0}…</source>
        <translation>{0}をダウンロードしています…</translation>
    </message>
    <message>
        <source> · about {0} s left</source>
        <translation> · 残り約{0}秒</translation>
    </message>
    <message>
        <source>{rows} of {total} rows · {rate} rows/s</source>
        <translation>{rows} / {total} 件 · {rate} 件/秒</translation>
    </message>
    <message>
        <source>Could not finish the download: {0}. Nothing is lost; it continues where it stopped.</source>
        <translation>ダウンロードを完了できませんでした: {0}。データは失われていません。中断した所から再開します。</translation>
    </message>
    <message>
        <source>central is not reachable</source>
        <translation>本部サーバーに接続できません</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>One fewer</source>
        <translation>1つ減らす</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>1つ増やす</translation>
    </message>
    <message>
        <source>Or the shelf has:</source>
        <translation>または棚の実数:</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>メモ (「その他」の場合は必須)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>修正を保存</translation>
    </message>
    <message>
        <source>{delta}   (in store: {before} → {after})</source>
        <translation>{delta}   (店舗在庫: {before} → {after})</translation>
    </message>
    <message>
        <source>That is what the figures already say, so there is nothing to save.</source>
        <translation>現在の数値と同じため、保存する内容はありません。</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>理由を選択してください。</translation>
    </message>
    <message>
        <source>Tap your name, then type your PIN.</source>
        <translation>名前をタップし、暗証番号を入力してください。</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Aisle — customer display</source>
        <translation>Aisle — お客様用ディスプレイ</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>合計 {0}</translation>
    </message>
    <message>
        <source>Paid {0}</source>
        <translation>お預かり {0}</translation>
    </message>
</context>
<context>
    <name>CustomerSheet</name>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Remove from this sale</source>
        <translation>この会計から外す</translation>
    </message>
    <message>
        <source>Phone, e-mail or name</source>
        <translation>電話番号、メール、氏名</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Recent customers</source>
        <translation>最近のお客様</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>e.g. Hanako Yamada</source>
        <translation>例: 山田 花子</translation>
    </message>
    <message>
        <source>Reading (optional)</source>
        <translation>フリガナ (任意)</translation>
    </message>
    <message>
        <source>e.g. やまだ はなこ</source>
        <translation>例: やまだ はなこ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>e.g. 090-1234-5678</source>
        <translation>例: 090-1234-5678</translation>
    </message>
    <message>
        <source>An e-mail or a phone number is needed, so the customer can be found again.</source>
        <translation>後で検索できるよう、メールまたは電話番号が必要です。</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新規顧客</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 戻る</translation>
    </message>
    <message>
        <source>Save and attach</source>
        <translation>保存して登録</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source> · member</source>
        <translation> · 会員</translation>
    </message>
    <message>
        <source>On this sale: {name}{group}</source>
        <translation>この会計: {name}{group}</translation>
    </message>
    <message>
        <source>No customer served here yet.</source>
        <translation>この店舗で対応したお客様はまだいません。</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or make a new customer.</source>
        <translation>見つかりません。表記を確認するか、新規顧客を登録してください。</translation>
    </message>
    <message>
        <source>The first 20 customers found: type more to narrow it down.</source>
        <translation>最初の20件を表示しています。さらに入力して絞り込んでください。</translation>
    </message>
    <message>
        <source>Tap a customer to put them on this sale.</source>
        <translation>お客様をタップしてこの会計に登録します。</translation>
    </message>
    <message>
        <source>not at central yet</source>
        <translation>本部に未送信</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索しています…</translation>
    </message>
    <message>
        <source>Attach {name}</source>
        <translation>{name}様を登録</translation>
    </message>
</context>
<context>
    <name>DayCharts</name>
    <message>
        <source>Sales by hour</source>
        <translation>時間帯別売上</translation>
    </message>
    <message>
        <source>Tender mix</source>
        <translation>支払方法別</translation>
    </message>
    <message>
        <source>Top items</source>
        <translation>売れ筋商品</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>No sales.</source>
        <translation>売上はありません。</translation>
    </message>
</context>
<context>
    <name>DeliverySheet</name>
    <message>
        <source>Delivery</source>
        <translation>配送</translation>
    </message>
    <message>
        <source>Find or add…</source>
        <translation>検索・追加…</translation>
    </message>
    <message>
        <source>To the customer</source>
        <translation>お客様へ</translation>
    </message>
    <message>
        <source>To a store</source>
        <translation>店舗へ</translation>
    </message>
    <message>
        <source>Japan 日本</source>
        <translation>日本</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>ドイツ</translation>
    </message>
    <message>
        <source>Tap to change the address</source>
        <translation>タップして住所を変更</translation>
    </message>
    <message>
        <source>Delivery option</source>
        <translation>配送方法</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Use this delivery</source>
        <translation>この配送にする</translation>
    </message>
    <message>
        <source>{0}
Tap to change the address</source>
        <translation>{0}
タップして住所を変更</translation>
    </message>
    <message>
        <source>Who is it for? A recent customer, or find one.</source>
        <translation>どなた宛てですか?最近のお客様から選ぶか、検索してください。</translation>
    </message>
    <message>
        <source>For {name}</source>
        <translation>{name}様宛て</translation>
    </message>
    <message>
        <source>Someone else…</source>
        <translation>別の方…</translation>
    </message>
    <message>
        <source>Prefecture (都道府県)</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>State (optional)</source>
        <translation>州 (任意)</translation>
    </message>
    <message>
        <source>This store has no delivery option to this country: sync, or ask head office.</source>
        <translation>この店舗にはこの国への配送方法がありません。同期するか、本部に確認してください。</translation>
    </message>
    <message>
        <source>Choose who the order is for first.</source>
        <translation>先に注文のお客様を選択してください。</translation>
    </message>
    <message>
        <source>Choose a delivery option.</source>
        <translation>配送方法を選択してください。</translation>
    </message>
</context>
<context>
    <name>DenominationPad</name>
    <message>
        <source>Pieces of %s</source>
        <translation>%s の枚数</translation>
    </message>
</context>
<context>
    <name>EnrollView</name>
    <message>
        <source>Set up this device</source>
        <translation>この端末の設定</translation>
    </message>
    <message>
        <source>Scan the enrolment QR code from head office, or type the address and code below.</source>
        <translation>本部から届いた登録用QRコードを読み取るか、下にアドレスとコードを入力してください。</translation>
    </message>
    <message>
        <source>Central address, e.g. https://central.example.com</source>
        <translation>本部アドレス (例: https://central.example.com)</translation>
    </message>
    <message>
        <source>Enrolment code, e.g. K7QF-3MZP-9XTA</source>
        <translation>登録コード (例: K7QF-3MZP-9XTA)</translation>
    </message>
    <message>
        <source>Enrol this device</source>
        <translation>この端末を登録</translation>
    </message>
    <message>
        <source>Read QR code from a picture…</source>
        <translation>画像からQRコードを読み取る…</translation>
    </message>
    <message>
        <source>Central</source>
        <translation>本部</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>再登録</translation>
    </message>
    <message>
        <source>QR code picture</source>
        <translation>QRコードの画像</translation>
    </message>
    <message>
        <source>That picture cannot be read ({0}).</source>
        <translation>この画像は読み取れません ({0})。</translation>
    </message>
    <message>
        <source>Contacting central…</source>
        <translation>本部に接続しています…</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>登録済み</translation>
    </message>
    <message>
        <source>Enrol this device again?</source>
        <translation>この端末を再登録しますか?</translation>
    </message>
    <message>
        <source>Not enrolled again: nothing was changed.</source>
        <translation>再登録しませんでした。変更はありません。</translation>
    </message>
</context>
<context>
    <name>GiftCardSheet</name>
    <message>
        <source>Gift card {0}</source>
        <translation>ギフトカード {0}</translation>
    </message>
    <message>
        <source>Asking central for its balance…</source>
        <translation>本部に残高を照会しています…</translation>
    </message>
    <message>
        <source>Load, paid in cash</source>
        <translation>チャージ (現金払い)</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>その他の金額</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>チャージ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Not sold yet: a load sells and activates it.</source>
        <translation>未販売です。チャージで販売・有効化されます。</translation>
    </message>
    <message>
        <source>Balance {0}</source>
        <translation>残高 {0}</translation>
    </message>
    <message>
        <source>(as this till last saw it: central cannot be reached)</source>
        <translation>(このレジの最終確認値。本部に接続できません)</translation>
    </message>
    <message>
        <source>Type the amount to load, like 3000 or 25.00.</source>
        <translation>チャージ金額を入力してください (例: 3000、25.00)。</translation>
    </message>
    <message>
        <source>Loaded {0}: take {0} in cash. The card has it as soon as central does.</source>
        <translation>{0}をチャージしました。現金{0}を受け取ってください。本部反映後にカードで使えます。</translation>
    </message>
    <message>
        <source>No shift is open on this till: the cash is on no drawer count.</source>
        <translation>シフト未開始のため、この現金はドロア在高に含まれません。</translation>
    </message>
    <message>
        <source>Void this load ({0})</source>
        <translation>このチャージを取消 ({0})</translation>
    </message>
    <message>
        <source>Load voided: give back {0} in cash.</source>
        <translation>チャージを取り消しました。現金{0}をお返しください。</translation>
    </message>
</context>
<context>
    <name>KioskView</name>
    <message>
        <source>Scan your pickup code</source>
        <translation>受け取りコードをかざしてください</translation>
    </message>
    <message>
        <source>Hold the QR code from your “ready for pickup” e-mail under the scanner.</source>
        <translation>「受け取り準備完了」メールのQRコードをスキャナーにかざしてください。</translation>
    </message>
    <message>
        <source>Sorry, that did not work. Please ask at the counter.</source>
        <translation>申し訳ありません、読み取れませんでした。カウンターでお尋ねください。</translation>
    </message>
</context>
<context>
    <name>LanguageSheet</name>
    <message>
        <source>Language of your screens</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <source>Kept on this till for you; the next person sees the store&apos;s language until they choose.</source>
        <translation>このレジにあなた用として保存されます。次のスタッフには、選択するまで店舗の言語で表示されます。</translation>
    </message>
    <message>
        <source>Text on this till</source>
        <translation>このレジの文字表示</translation>
    </message>
    <message>
        <source>Text size {0} %</source>
        <translation>文字サイズ {0} %</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>ハイコントラスト</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Finish or park the sale first: the screens are made again in the new language.</source>
        <translation>先に会計を終えるか保留してください。画面が新しい言語で作り直されます。</translation>
    </message>
    <message>
        <source>The store&apos;s language: {language}</source>
        <translation>店舗の言語: {language}</translation>
    </message>
    <message>
        <source>This till is set to {language} for everyone (AISLE_LANGUAGE).</source>
        <translation>このレジは全員 {language} に固定されています（AISLE_LANGUAGE）。</translation>
    </message>
</context>
<context>
    <name>LineRow</name>
    <message>
        <source>Tap for quantity, discount or price</source>
        <translation>タップで数量・値引き・価格を変更</translation>
    </message>
    <message>
        <source>One fewer</source>
        <translation>1つ減らす</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>1つ増やす</translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation>この明細を削除</translation>
    </message>
    <message>
        <source>Delivered to the customer</source>
        <translation>お客様へ配送</translation>
    </message>
    <message>
        <source>{n} to return</source>
        <translation>返品 {n}点</translation>
    </message>
    <message>
        <source>One unit fewer</source>
        <translation>1点減らす</translation>
    </message>
    <message>
        <source>One unit more</source>
        <translation>1点増やす</translation>
    </message>
</context>
<context>
    <name>LineSheet</name>
    <message>
        <source>Discount on the whole basket</source>
        <translation>全体値引き</translation>
    </message>
    <message>
        <source>{q} × {p} = {t}</source>
        <translation>{q} × {p} = {t}</translation>
    </message>
    <message>
        <source>Basket total {0}</source>
        <translation>合計 {0}</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>% off</source>
        <translation>% 引き</translation>
    </message>
    <message>
        <source>Amount off</source>
        <translation>金額値引き</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>価格変更</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>値引き</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>No discount</source>
        <translation>値引きなし</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>適用</translation>
    </message>
    <message>
        <source>Type how many, as a whole number.</source>
        <translation>数量を整数で入力してください。</translation>
    </message>
    <message>
        <source>Type an amount, like 500 or 12.50.</source>
        <translation>金額を入力してください (例: 500、12.50)。</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>理由を選択してください。</translation>
    </message>
</context>
<context>
    <name>LoyaltySheet</name>
    <message>
        <source>{points} points</source>
        <translation>{points} ポイント</translation>
    </message>
    <message>
        <source>{tier}: {benefits}</source>
        <translation>{tier}: {benefits}</translation>
    </message>
    <message>
        <source>{n} more on their way from sales not yet at central</source>
        <translation>本部未反映の会計から{n}ポイント加算予定</translation>
    </message>
    <message>
        <source>Store credit {0}</source>
        <translation>ストアクレジット {0}</translation>
    </message>
    <message>
        <source>Central cannot be reached: these are this till&apos;s figures from its last sync. Points used now are checked by central later.</source>
        <translation>本部に接続できません。このレジの最終同期時の数値です。今使うポイントは後で本部が確認します。</translation>
    </message>
    <message>
        <source>Stop using {n} points</source>
        <translation>{n}ポイントの利用を取消</translation>
    </message>
    <message>
        <source>Use {n} points: −{value}</source>
        <translation>{n}ポイント利用: −{value}</translation>
    </message>
    <message>
        <source>No points to use on this basket</source>
        <translation>この会計で使えるポイントはありません</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Aisle — {store}</source>
        <translation>Aisle — {store}</translation>
    </message>
    <message>
        <source>‹ Results</source>
        <translation>‹ 検索結果</translation>
    </message>
    <message>
        <source>Search name, SKU or barcode — or scan</source>
        <translation>商品名・SKU・バーコードで検索、またはスキャン</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>検索をクリア</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>ログオフ</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>販売</translation>
    </message>
    <message>
        <source>Settings: printer and card terminal</source>
        <translation>設定: プリンターとカード端末</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Language of your screens</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Shift: float, cash in and out, X and Z reports</source>
        <translation>シフト: 釣銭準備金、入出金、X・Zレポート</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Returns: scan a return code or receipt</source>
        <translation>返品: 返品コードかレシートをスキャン</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>返品</translation>
    </message>
    <message>
        <source>More: shift, settings, language, sign out</source>
        <translation>その他: シフト、設定、言語、ログオフ</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>検索結果</translation>
    </message>
    <message>
        <source>Search or scan an item</source>
        <translation>商品を検索またはスキャン</translation>
    </message>
    <message>
        <source>Stock here, in nearby stores and in the warehouse shows up here.</source>
        <translation>この店舗、近隣店舗、倉庫の在庫がここに表示されます。</translation>
    </message>
    <message>
        <source>Stock by colour and size</source>
        <translation>色とサイズ別の在庫</translation>
    </message>
    <message>
        <source>{low} low · {out} out · * includes a correction not yet confirmed</source>
        <translation>{low} 残りわずか · {out} 在庫なし · * 未確認の修正を含む</translation>
    </message>
    <message>
        <source>Correct stock…</source>
        <translation>在庫を修正…</translation>
    </message>
    <message>
        <source>Tap a size in the grid first.</source>
        <translation>先に表のサイズをタップしてください。</translation>
    </message>
    <message>
        <source>Add to sale</source>
        <translation>会計に追加</translation>
    </message>
    <message>
        <source>Ship to customer</source>
        <translation>お客様へ配送</translation>
    </message>
    <message>
        <source>Paid here, delivered to the customer&apos;s address</source>
        <translation>店頭で支払い、お客様の住所へ配送</translation>
    </message>
    <message>
        <source>Ship to store…</source>
        <translation>店舗へ配送…</translation>
    </message>
    <message>
        <source>Paid here, sent to a store for pickup</source>
        <translation>店頭で支払い、店舗で受け取り</translation>
    </message>
    <message>
        <source>Nearby stores and warehouses</source>
        <translation>近隣店舗と倉庫</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>在庫数</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>時点</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to the results</source>
        <translation>検索結果に戻る</translation>
    </message>
    <message>
        <source>Nothing matches “{0}”.</source>
        <translation>「{0}」に一致する商品はありません。</translation>
    </message>
    <message>
        <source>This item is no longer in the catalog.</source>
        <translation>この商品は商品マスタから削除されています。</translation>
    </message>
    <message>
        <source>Members {0}</source>
        <translation>会員 {0}</translation>
    </message>
    <message>
        <source>low</source>
        <translation>残りわずか</translation>
    </message>
    <message>
        <source>out of stock</source>
        <translation>在庫なし</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>倉庫</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>店舗</translation>
    </message>
    <message>
        <source>live</source>
        <translation>リアルタイム</translation>
    </message>
    <message>
        <source>not known offline</source>
        <translation>オフラインのため不明</translation>
    </message>
    <message>
        <source>as of {0}</source>
        <translation>{0}時点</translation>
    </message>
    <message>
        <source>Tap a size to see it elsewhere or correct its count.</source>
        <translation>サイズをタップすると他店在庫の確認や在庫修正ができます。</translation>
    </message>
    <message>
        <source> (includes {0} not yet confirmed)</source>
        <translation> (未確定 {0} を含む)</translation>
    </message>
    <message>
        <source>{what}: {n} in this store</source>
        <translation>{what}: この店舗に{n}点</translation>
    </message>
    <message>
        <source>Saved: {what} {delta}. It goes to central by itself.</source>
        <translation>保存しました: {what} {delta}。本部へ自動で送信されます。</translation>
    </message>
    <message>
        <source>Central cannot be reached. Working from data as of {0}; what you save is sent later.</source>
        <translation>本部に接続できません。{0}時点のデータで動作中です。保存した内容は後で送信されます。</translation>
    </message>
    <message>
        <source>Connecting to central…</source>
        <translation>本部に接続しています…</translation>
    </message>
    <message>
        <source>Connected to central · last sync {0}</source>
        <translation>本部に接続済み · 最終同期 {0}</translation>
    </message>
    <message>
        <source>Downloading everything again…</source>
        <translation>すべて再ダウンロードしています…</translation>
    </message>
    <message>
        <source>Everything was downloaded again.</source>
        <translation>すべて再ダウンロードしました。</translation>
    </message>
    <message>
        <source>Downloading everything again: {what}{pct}</source>
        <translation>すべて再ダウンロード中: {what}{pct}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>“{code}” is not a valid barcode (wrong check digit). Scan it again or type the number printed under the bars.</source>
        <translation>「{code}」は有効なバーコードではありません(チェックデジットの誤り)。もう一度スキャンするか、バーコード下の数字を入力してください。</translation>
    </message>
    <message>
        <source>{label} is not a note or coin of {currency}.</source>
        <translation>{label} は {currency} の紙幣・硬貨ではありません。</translation>
    </message>
    <message>
        <source>Type how many {denomination} pieces there are, as a number.</source>
        <translation>{denomination} の枚数を数字で入力してください。</translation>
    </message>
    <message>
        <source>“{typed}” for {denomination} is not a number of pieces; type digits only.</source>
        <translation>{denomination} の「{typed}」は枚数ではありません。数字だけを入力してください。</translation>
    </message>
    <message>
        <source>A drawer cannot hold {pieces} pieces of {denomination}; count again.</source>
        <translation>ドロアに {denomination} が {pieces} 枚ということはありません。数え直してください。</translation>
    </message>
    <message>
        <source>{pieces} pieces of {denomination} is more than a drawer holds; count again.</source>
        <translation>{denomination} が {pieces} 枚はドロアに入る量を超えています。数え直してください。</translation>
    </message>
    <message>
        <source>The float is counted when the shift opens.</source>
        <translation>釣銭準備金はシフト開始時に数えます。</translation>
    </message>
    <message>
        <source>A no-sale moves no money; record a paid in or out instead.</source>
        <translation>ノーセールでは現金は動きません。入金または出金として記録してください。</translation>
    </message>
    <message>
        <source>Give an amount above 0.</source>
        <translation>0 より大きい金額を入力してください。</translation>
    </message>
    <message>
        <source>Choose a reason: {choices}.</source>
        <translation>理由を選んでください: {choices}。</translation>
    </message>
    <message>
        <source>Say why in the note when the reason is “other”.</source>
        <translation>理由が「その他」のときは、メモに理由を書いてください。</translation>
    </message>
    <message>
        <source>The count is off by more than the limit: choose a reason ({choices}).</source>
        <translation>差額が上限を超えています。理由を選んでください ({choices})。</translation>
    </message>
    <message>
        <source>Line {line_id} is not part of this return.</source>
        <translation>明細 {line_id} はこの返品に含まれていません。</translation>
    </message>
    <message>
        <source>This return is already being refunded.</source>
        <translation>この返品はすでに返金処理中です。</translation>
    </message>
    <message>
        <source>Grade each item resellable, damaged or wrong item.</source>
        <translation>各商品を「再販可」「破損」「別の商品」のいずれかに分類してください。</translation>
    </message>
    <message>
        <source>Only {quantity} of {sku} can come back on this return.</source>
        <translation>この返品で戻せる {sku} は {quantity} 点までです。</translation>
    </message>
    <message>
        <source>Nothing is taken back: grade at least one item resellable or damaged.</source>
        <translation>返品する商品がありません。1 点以上を「再販可」か「破損」に分類してください。</translation>
    </message>
    <message>
        <source>A return cannot go from {step} to {to}.</source>
        <translation>返品は {step} から {to} へ進めません。</translation>
    </message>
    <message>
        <source>This return is more than the sale&apos;s tenders can take back.</source>
        <translation>この返品額は、元の会計の支払方法で返せる額を超えています。</translation>
    </message>
    <message>
        <source>This person cannot sign in on this store&apos;s devices.</source>
        <translation>この方はこの店舗の端末にサインインできません。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {wait}.</source>
        <translation>暗証番号の誤りが多すぎます。{wait}後にもう一度お試しください。</translation>
    </message>
    <message>
        <source>Wrong PIN. {left} more tries before a pause.</source>
        <translation>暗証番号が違います。あと {left} 回で一時ロックされます。</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 more try before a pause.</source>
        <translation>暗証番号が違います。あと 1 回で一時ロックされます。</translation>
    </message>
    <message>
        <source>Wrong PIN. Locked for {wait}.</source>
        <translation>暗証番号が違います。{wait}ロックされます。</translation>
    </message>
    <message>
        <source>This device does not hold the PIN key, so no PIN can be checked. Enrol the device again.</source>
        <translation>この端末には暗証番号キーがないため、暗証番号を確認できません。端末を登録し直してください。</translation>
    </message>
    <message>
        <source>{name} is not a {needed}, so cannot approve this. Ask a {needed}.</source>
        <translation>{name} さんは{needed}ではないため承認できません。{needed}に依頼してください。</translation>
    </message>
    <message>
        <source>This needs a {needed}. Ask a {needed} to enter their PIN to approve.</source>
        <translation>{needed}の承認が必要です。{needed}に暗証番号を入力してもらってください。</translation>
    </message>
    <message>
        <source>This needs a {needed}. Ask a {needed} to sign in and approve.</source>
        <translation>{needed}の承認が必要です。{needed}にサインインして承認してもらってください。</translation>
    </message>
    <message>
        <source>Give either how many more or fewer there are, or how many the shelf has.</source>
        <translation>増減の数か、棚にある数のどちらかを入力してください。</translation>
    </message>
    <message>
        <source>That is what the figures already say, so there is nothing to save.</source>
        <translation>現在の数値と同じなので、保存するものはありません。</translation>
    </message>
    <message>
        <source>A shelf cannot hold fewer than 0 pieces; count again.</source>
        <translation>棚の数が 0 未満になることはありません。数え直してください。</translation>
    </message>
    <message>
        <source>That is more than 9,999 pieces; count again.</source>
        <translation>9,999 点を超えています。数え直してください。</translation>
    </message>
    <message>
        <source>“{reason}” does not fit {direction}; choose another reason.</source>
        <translation>「{reason}」は {direction} に合いません。別の理由を選んでください。</translation>
    </message>
    <message>
        <source>Say why in the note when the reason is “Other”.</source>
        <translation>理由が「その他」のときは、メモに理由を書いてください。</translation>
    </message>
    <message>
        <source>This item is not in the catalog on this device.</source>
        <translation>この商品はこの端末の商品マスタにありません。</translation>
    </message>
    <message>
        <source>no operation with that id</source>
        <translation>その ID の処理はありません</translation>
    </message>
    <message>
        <source>requeued: it will be sent with the next sync</source>
        <translation>再送待ちにしました: 次の同期で送信されます</translation>
    </message>
    <message>
        <source>not a rejected operation: it was already sent</source>
        <translation>却下された処理ではありません: すでに送信済みです</translation>
    </message>
    <message>
        <source>not a rejected operation: it is still waiting to be sent</source>
        <translation>却下された処理ではありません: まだ送信待ちです</translation>
    </message>
    <message>
        <source>Central cannot be reached ({detail}). Working from the figures on this device.</source>
        <translation>本部に接続できません ({detail})。この端末のデータで作業を続けます。</translation>
    </message>
    <message>
        <source>Central is there but had a problem, so nothing more was done; the device tries again by itself. ({detail})</source>
        <translation>本部で問題が起きたため、処理を止めました。端末が自動で再試行します。({detail})</translation>
    </message>
    <message>
        <source>Central refused this device&apos;s token ({detail}). Enrol the device again.</source>
        <translation>本部がこの端末のトークンを拒否しました ({detail})。端末を登録し直してください。</translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation>同期しました。</translation>
    </message>
    <message>
        <source>Sync failed: {detail}</source>
        <translation>同期に失敗しました: {detail}</translation>
    </message>
    <message>
        <source>This store&apos;s details are not on this device yet; sync first.</source>
        <translation>この店舗の情報がまだこの端末にありません。先に同期してください。</translation>
    </message>
    <message>
        <source>Item {variant_id} is not in the catalog on this device.</source>
        <translation>商品 {variant_id} はこの端末の商品マスタにありません。</translation>
    </message>
    <message>
        <source>There is no tax rate for “{tax_class}” on this device yet; sync first.</source>
        <translation>「{tax_class}」の税率がまだこの端末にありません。先に同期してください。</translation>
    </message>
    <message>
        <source>{due} is still due.</source>
        <translation>あと {due} のお支払いが必要です。</translation>
    </message>
    <message>
        <source>{due} is still due ({due_cash} in cash).</source>
        <translation>あと {due} のお支払いが必要です (現金なら {due_cash})。</translation>
    </message>
    <message>
        <source>This sale cannot be recorded: {detail}</source>
        <translation>この会計は記録できません: {detail}</translation>
    </message>
    <message>
        <source>“{address}” is not an e-mail address; check it with the customer.</source>
        <translation>「{address}」はメールアドレスではありません。お客様に確認してください。</translation>
    </message>
    <message>
        <source>There is no receipt {number} on this device.</source>
        <translation>この端末にはレシート {number} がありません。</translation>
    </message>
    <message>
        <source>There is no print job {job}.</source>
        <translation>印刷ジョブ {job} はありません。</translation>
    </message>
    <message>
        <source>This till has no receipt printer set up: e-mail the receipt, or set a printer first.</source>
        <translation>このレジにはレシートプリンターが設定されていません。レシートをメールで送るか、先にプリンターを設定してください。</translation>
    </message>
    <message>
        <source>This till has no printer set up: set one in Settings first.</source>
        <translation>このレジにはプリンターが設定されていません。先に設定画面で設定してください。</translation>
    </message>
    <message>
        <source>There is no sale {sale_id} on this device.</source>
        <translation>この端末に会計 {sale_id} はありません。</translation>
    </message>
    <message>
        <source>“{code}” is not a barcode or SKU this store knows.</source>
        <translation>「{code}」はこの店舗のバーコードでも SKU でもありません。</translation>
    </message>
    <message>
        <source>Too late to undo; add the item again.</source>
        <translation>取り消せる時間を過ぎました。商品をもう一度追加してください。</translation>
    </message>
    <message>
        <source>The basket is empty: scan or add an item first.</source>
        <translation>商品がありません。先に商品をスキャンするか追加してください。</translation>
    </message>
    <message>
        <source>That line is no longer in the basket.</source>
        <translation>その明細はもう会計にありません。</translation>
    </message>
    <message>
        <source>That parked basket is no longer here (resumed or paid on this device).</source>
        <translation>その保留中の会計はもうありません (この端末で再開または精算済み)。</translation>
    </message>
    <message>
        <source>{percent} % off is above your limit of {limit} %. A {needed} approves with their PIN.</source>
        <translation>{percent} % 引きはあなたの上限 {limit} % を超えています。{needed}が暗証番号で承認します。</translation>
    </message>
    <message>
        <source>This price is {percent} % below the list price, above your limit of {limit} %. A {needed} approves with their PIN.</source>
        <translation>この価格は定価より {percent} % 安く、あなたの上限 {limit} % を超えています。{needed}が暗証番号で承認します。</translation>
    </message>
    <message>
        <source>{percent} % off is above every role&apos;s limit; nobody on this till can approve it.</source>
        <translation>{percent} % 引きはどの役割の上限も超えているため、このレジでは誰も承認できません。</translation>
    </message>
    <message>
        <source>{percent} % below the list price is above every role&apos;s limit; nobody on this till can approve it.</source>
        <translation>定価より {percent} % 安い価格はどの役割の上限も超えているため、このレジでは誰も承認できません。</translation>
    </message>
    <message>
        <source>Type a name, a phone number or an e-mail to search.</source>
        <translation>名前、電話番号、メールアドレスのいずれかを入力して検索してください。</translation>
    </message>
    <message>
        <source>Central refused the search: {detail}</source>
        <translation>本部が検索を拒否しました: {detail}</translation>
    </message>
    <message>
        <source>Central cannot be reached: showing the customers this till served recently.</source>
        <translation>本部に接続できません。このレジで最近対応したお客様を表示しています。</translation>
    </message>
    <message>
        <source>Type the customer&apos;s name.</source>
        <translation>お客様の名前を入力してください。</translation>
    </message>
    <message>
        <source>That name is too long (200 characters at most).</source>
        <translation>名前が長すぎます (200 文字まで)。</translation>
    </message>
    <message>
        <source>“{email}” is not a complete e-mail address: it looks like name@example.com.</source>
        <translation>「{email}」は完全なメールアドレスではありません。name@example.com のような形式です。</translation>
    </message>
    <message>
        <source>“{phone}” is not a phone number. {why}</source>
        <translation>「{phone}」は電話番号ではありません。{why}</translation>
    </message>
    <message>
        <source>Give an e-mail or a phone number, so the customer can be found again.</source>
        <translation>お客様をまた見つけられるよう、メールアドレスか電話番号を入力してください。</translation>
    </message>
    <message>
        <source>{name} already has the e-mail {email}. Attach {name} instead.</source>
        <translation>{name} さんがすでにメールアドレス {email} を使っています。代わりに {name} さんを紐付けてください。</translation>
    </message>
    <message>
        <source>This device is not enrolled yet.</source>
        <translation>この端末はまだ登録されていません。</translation>
    </message>
    <message>
        <source>The device token is missing from the keyring; enrol the device again.</source>
        <translation>キーリングに端末トークンがありません。端末を登録し直してください。</translation>
    </message>
    <message>
        <source>Head office sets this store&apos;s shift rules (central shift-policy); they cannot be changed on the till.</source>
        <translation>この店舗のシフトルールは本部が設定しています (central shift-policy)。レジでは変更できません。</translation>
    </message>
    <message>
        <source>Re-enrolling changes what happens to operations waiting to be sent; confirm with --yes.</source>
        <translation>再登録すると送信待ちの処理の扱いが変わります。--yes で確認してください。</translation>
    </message>
    <message>
        <source>This is not a gift card number: it is GC and 11 digits.</source>
        <translation>ギフトカード番号ではありません。GC と 11 桁の数字です。</translation>
    </message>
    <message>
        <source>This gift card number has a typing error: check it against the card.</source>
        <translation>ギフトカード番号に入力ミスがあります。カードと照らし合わせてください。</translation>
    </message>
    <message>
        <source>This is not a member code of this retailer.</source>
        <translation>この小売店の会員コードではありません。</translation>
    </message>
    <message>
        <source>This code was signed with a key this till does not know: sync, then scan again.</source>
        <translation>このレジが知らないキーで署名されたコードです。同期してからもう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>This member code is not genuine (altered or forged).</source>
        <translation>この会員コードは本物ではありません (改ざんまたは偽造)。</translation>
    </message>
    <message>
        <source>This is not a pickup code of this retailer.</source>
        <translation>この小売店の受け取りコードではありません。</translation>
    </message>
    <message>
        <source>This code was signed with a key this tablet does not know: sync, then scan again.</source>
        <translation>このタブレットが知らないキーで署名されたコードです。同期してからもう一度スキャンしてください。</translation>
    </message>
    <message>
        <source>This pickup code is not genuine (altered or forged).</source>
        <translation>この受け取りコードは本物ではありません (改ざんまたは偽造)。</translation>
    </message>
    <message>
        <source>Central cannot be reached and this card was never seen on this till, so its balance cannot be checked.</source>
        <translation>本部に接続できず、このカードはこのレジで一度も使われていないため、残高を確認できません。</translation>
    </message>
    <message>
        <source>This gift card is not active: it must be sold and activated first.</source>
        <translation>このギフトカードは有効ではありません。先に販売して有効化する必要があります。</translation>
    </message>
    <message>
        <source>This gift card holds {card_currency}, not {currency}.</source>
        <translation>このギフトカードの通貨は {card_currency} で、{currency} ではありません。</translation>
    </message>
    <message>
        <source>Type the amount to load, more than 0.</source>
        <translation>チャージする金額を 0 より大きく入力してください。</translation>
    </message>
    <message>
        <source>There is no such gift-card load on this till.</source>
        <translation>このレジにそのギフトカードのチャージはありません。</translation>
    </message>
    <message>
        <source>This load was voided already.</source>
        <translation>このチャージはすでに取り消されています。</translation>
    </message>
    <message>
        <source>Nothing is due to pay with it.</source>
        <translation>これで支払う残額がありません。</translation>
    </message>
    <message>
        <source>Attach the customer first: store credit is theirs.</source>
        <translation>先にお客様を紐付けてください。ストアクレジットはお客様のものです。</translation>
    </message>
    <message>
        <source>Central cannot be reached and this till knows of less than that on it: take the rest another way.</source>
        <translation>本部に接続できず、このレジが把握している残高では足りません。残りは別の方法でお支払いください。</translation>
    </message>
    <message>
        <source>Central cannot be reached and this till&apos;s offline limit for today is used up: take it another way.</source>
        <translation>本部に接続できず、このレジの本日のオフライン上限に達しました。別の方法でお支払いください。</translation>
    </message>
    <message>
        <source>The gift spend could not be given back at central now: {detail}</source>
        <translation>ギフトカードの利用を今は本部で取り消せませんでした: {detail}</translation>
    </message>
    <message>
        <source>The credit spend could not be given back at central now: {detail}</source>
        <translation>ストアクレジットの利用を今は本部で取り消せませんでした: {detail}</translation>
    </message>
    <message>
        <source>No card payment {id!r} on this till.</source>
        <translation>このレジにカード決済 {id!r} はありません。</translation>
    </message>
    <message>
        <source>No card terminal is set up on this till.</source>
        <translation>このレジにはカード端末が設定されていません。</translation>
    </message>
    <message>
        <source>A card payment for this basket is already on the terminal.</source>
        <translation>この会計のカード決済はすでに端末で進行中です。</translation>
    </message>
    <message>
        <source>The terminal has not said how the last card payment of this basket ended: look at the terminal and record what it shows first.</source>
        <translation>この会計の前回のカード決済の結果が端末から届いていません。端末を確認し、表示内容を先に記録してください。</translation>
    </message>
    <message>
        <source>A card can pay between {low} and {high} here.</source>
        <translation>カードで支払えるのは {low} から {high} までです。</translation>
    </message>
    <message>
        <source>{reason}</source>
        <translation>{reason}</translation>
    </message>
    <message>
        <source>The terminal already said how this payment ended.</source>
        <translation>この決済の結果は端末からすでに届いています。</translation>
    </message>
    <message>
        <source>Type the approval code the terminal shows (letters and digits).</source>
        <translation>端末に表示された承認番号 (英数字) を入力してください。</translation>
    </message>
    <message>
        <source>This sale is complete: give money back as a refund.</source>
        <translation>この会計は完了しています。返金として返してください。</translation>
    </message>
    <message>
        <source>A card payment could not be given back yet: try again, or look at the terminal.</source>
        <translation>カード決済をまだ取り消せませんでした。もう一度試すか、端末を確認してください。</translation>
    </message>
    <message>
        <source>This card payment was recorded by hand: give the money back on the terminal itself.</source>
        <translation>このカード決済は手入力で記録されました。端末そのもので返金してください。</translation>
    </message>
    <message>
        <source>No card payment of this sale or transaction on this till.</source>
        <translation>このレジにこの会計・取引のカード決済はありません。</translation>
    </message>
    <message>
        <source>At most {most} can go back to this card.</source>
        <translation>このカードに返金できるのは最大 {most} です。</translation>
    </message>
    <message>
        <source>Nothing is left to give back on this card.</source>
        <translation>このカードに返金できる残額はありません。</translation>
    </message>
    <message>
        <source>A terminal is simulated or on the network.</source>
        <translation>端末はシミュレーターかネットワーク接続のどちらかです。</translation>
    </message>
    <message>
        <source>Type the terminal&apos;s POIID as it shows it, like V400m-123456789.</source>
        <translation>端末に表示される POIID を入力してください (例: V400m-123456789)。</translation>
    </message>
    <message>
        <source>Type the terminal&apos;s address, like https://192.168.1.20:8443/nexo/.</source>
        <translation>端末のアドレスを入力してください (例: https://192.168.1.20:8443/nexo/)。</translation>
    </message>
    <message>
        <source>The port of the terminal&apos;s address is not a number.</source>
        <translation>端末アドレスのポートが数字ではありません。</translation>
    </message>
    <message>
        <source>A terminal on the network is reached over HTTPS (plain HTTP only on this computer, for tests).</source>
        <translation>ネットワーク上の端末には HTTPS で接続します (HTTP はテスト用にこのコンピューター上でのみ)。</translation>
    </message>
    <message>
        <source>Choose the CA file the terminal&apos;s certificate is checked against.</source>
        <translation>端末の証明書を確認する CA ファイルを選んでください。</translation>
    </message>
    <message>
        <source>The key version is a number from 1.</source>
        <translation>キーのバージョンは 1 以上の数字です。</translation>
    </message>
    <message>
        <source>Type the passphrase set on the terminal for this key.</source>
        <translation>このキーについて端末に設定したパスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>A receipt printer is 42 or 48 columns wide.</source>
        <translation>レシートプリンターの桁数は 42 か 48 です。</translation>
    </message>
    <message>
        <source>The device settings in {path} cannot be read ({detail}).</source>
        <translation>{path} の端末設定を読み込めません ({detail})。</translation>
    </message>
    <message>
        <source>The device settings in {path} are not a JSON object.</source>
        <translation>{path} の端末設定が JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>The device settings in {path} have a wrong value ({detail}).</source>
        <translation>{path} の端末設定に誤った値があります ({detail})。</translation>
    </message>
    <message>
        <source>No receipt printer is set on this till: type its address first.</source>
        <translation>このレジにはレシートプリンターが設定されていません。先にアドレスを入力してください。</translation>
    </message>
    <message>
        <source>The printer at {printer} is off or cannot be reached.</source>
        <translation>{printer} のプリンターは電源が切れているか、接続できません。</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>プリンターの用紙が切れています。</translation>
    </message>
    <message>
        <source>The printer&apos;s cover is open.</source>
        <translation>プリンターのカバーが開いています。</translation>
    </message>
    <message>
        <source>The printer at {printer} did not take the test page ({problem}).</source>
        <translation>{printer} のプリンターがテスト印刷を受け付けませんでした ({problem})。</translation>
    </message>
    <message>
        <source>{value!r} is not a language of Aisle: use one of {choices}.</source>
        <translation>{value!r} は Aisle の言語ではありません。次のいずれかを使ってください: {choices}。</translation>
    </message>
    <message>
        <source>{where}: {value} is a JSON float; write amounts in minor units and rates as strings</source>
        <translation>{where}: {value} は JSON の小数です。金額は最小単位の整数で、税率は文字列で書いてください</translation>
    </message>
    <message>
        <source>{where} is not JSON: {detail} (line {line}, column {column})</source>
        <translation>{where} は JSON ではありません: {detail} ({line} 行目、{column} 列目)</translation>
    </message>
    <message>
        <source>cannot read {path}: {detail}</source>
        <translation>{path} を読み込めません: {detail}</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path} は UTF-8 のテキストではありません</translation>
    </message>
    <message>
        <source>Barcode {code} is not in the catalog. Check the label or search by name.</source>
        <translation>バーコード {code} は商品マスタにありません。ラベルを確認するか、商品名で検索してください。</translation>
    </message>
    <message>
        <source>No store or warehouse has ever had {sku}: it cannot be ordered for delivery.</source>
        <translation>{sku} はどの店舗・倉庫にも入荷したことがないため、配送注文できません。</translation>
    </message>
    <message>
        <source>Choose how the order is delivered.</source>
        <translation>配送方法を選んでください。</translation>
    </message>
    <message>
        <source>Attach the customer first: a delivery needs their name and e-mail or phone.</source>
        <translation>先にお客様を紐付けてください。配送には名前とメールアドレスか電話番号が必要です。</translation>
    </message>
    <message>
        <source>Choose the delivery address and option first.</source>
        <translation>先に配送先と配送方法を選んでください。</translation>
    </message>
    <message>
        <source>The delivery fee item {sku} is not in this till&apos;s catalog yet: sync, then try again.</source>
        <translation>配送料の商品 {sku} がまだこのレジの商品マスタにありません。同期してからもう一度お試しください。</translation>
    </message>
    <message>
        <source>This basket already collects pickup order {number}: take its payment first, then the next order.</source>
        <translation>この会計ではすでに受け取り注文 {number} を扱っています。先にその支払いを済ませてから次の注文へ。</translation>
    </message>
    <message>
        <source>Pickup order {number} is in {currency}, not this store&apos;s money.</source>
        <translation>受け取り注文 {number} の通貨は {currency} で、この店舗の通貨ではありません。</translation>
    </message>
    <message>
        <source>This line is collected from a pickup order at the order&apos;s price: to leave some of it, take the order off the sale (✕) and choose the lines on its handover again.</source>
        <translation>この明細は受け取り注文の価格で渡すものです。一部を外すには、注文を会計から外し (✕)、受け渡しで明細を選び直してください。</translation>
    </message>
    <message>
        <source>This basket collects pickup order {number}: take the payment, or clear the basket (the order stays ready on its shelf).</source>
        <translation>この会計は受け取り注文 {number} を扱っています。支払いを受けるか、会計をクリアしてください (注文は棚で準備済みのままです)。</translation>
    </message>
    <message>
        <source>A card payment of this basket has not ended yet: settle it on the Pay screen before parking.</source>
        <translation>この会計のカード決済がまだ終わっていません。保留する前に支払い画面で確定してください。</translation>
    </message>
    <message>
        <source>This basket holds a card payment of {amount}: take the rest to finish the sale, or give the card payment back on the Pay screen, then park it.</source>
        <translation>この会計には {amount} のカード決済があります。残りを受けて会計を完了するか、支払い画面でカード決済を取り消してから保留してください。</translation>
    </message>
    <message>
        <source>A price override needs a reason.</source>
        <translation>価格変更には理由が必要です。</translation>
    </message>
    <message>
        <source>A discount is a percent or an amount.</source>
        <translation>値引きはパーセントか金額です。</translation>
    </message>
    <message>
        <source>Type the discount as a number.</source>
        <translation>値引きを数字で入力してください。</translation>
    </message>
    <message>
        <source>A discount needs a reason.</source>
        <translation>値引きには理由が必要です。</translation>
    </message>
    <message>
        <source>Attach the customer first: the points are theirs.</source>
        <translation>先にお客様を紐付けてください。ポイントはお客様のものです。</translation>
    </message>
    <message>
        <source>The customer has no points to use here.</source>
        <translation>このお客様がここで使えるポイントはありません。</translation>
    </message>
    <message>
        <source>There is no shipment {number} for this store.</source>
        <translation>この店舗に出荷 {number} はありません。</translation>
    </message>
    <message>
        <source>Order {number} is {state}: only an order central could not source takes a decision.</source>
        <translation>注文 {number} は {state} です。判断が必要なのは、本部が出荷元を決められなかった注文だけです。</translation>
    </message>
    <message>
        <source>Choose where order {number} ships from.</source>
        <translation>注文 {number} の出荷元を選んでください。</translation>
    </message>
    <message>
        <source>Nothing is owed to the customer of order {number}.</source>
        <translation>注文 {number} のお客様に返金するものはありません。</translation>
    </message>
    <message>
        <source>The card payment of order {number} was not taken on this till: refund it in cash, or on the till that sold it.</source>
        <translation>注文 {number} のカード決済はこのレジで受けていません。現金で返金するか、販売したレジで返金してください。</translation>
    </message>
    <message>
        <source>Order {number} is not this store&apos;s to ship (it is {state}).</source>
        <translation>注文 {number} はこの店舗が出荷するものではありません ({state})。</translation>
    </message>
    <message>
        <source>Choose the carrier the parcel left with.</source>
        <translation>荷物を託した配送業者を選んでください。</translation>
    </message>
    <message>
        <source>The tracking number {tracking!r} is not one: 4 to 40 letters, digits or dashes.</source>
        <translation>追跡番号 {tracking!r} は正しくありません。英数字とハイフンで 4〜40 文字です。</translation>
    </message>
    <message>
        <source>No delivery option is set up for {country}: sync, or ask head office.</source>
        <translation>{country} への配送方法が設定されていません。同期するか、本部に確認してください。</translation>
    </message>
    <message>
        <source>The terminal did not refund the card.</source>
        <translation>端末がカードに返金しませんでした。</translation>
    </message>
    <message>
        <source>Refund in cash or to the card.</source>
        <translation>現金かカードで返金してください。</translation>
    </message>
    <message>
        <source>The order of receipt {receipt} is paid back already, or central has not refused it.</source>
        <translation>レシート {receipt} の注文はすでに返金済みか、本部で却下されていません。</translation>
    </message>
    <message>
        <source>{where}: {detail}</source>
        <translation>{where}: {detail}</translation>
    </message>
    <message>
        <source>There is no pickup order {number} at this store.</source>
        <translation>この店舗に受け取り注文 {number} はありません。</translation>
    </message>
    <message>
        <source>{what} is not in order {number}. Put it back and scan the item on the list.</source>
        <translation>{what} は注文 {number} に含まれていません。棚に戻して、リストの商品をスキャンしてください。</translation>
    </message>
    <message>
        <source>Order {number} needs no more of {sku}: all {qty} are in the bag.</source>
        <translation>注文 {number} の {sku} はもう不要です。{qty} 点すべて袋に入っています。</translation>
    </message>
    <message>
        <source>Line {line} of order {number} still needs a scan or “missing”.</source>
        <translation>注文 {number} の明細 {line} は、まだスキャンか「欠品」が必要です。</translation>
    </message>
    <message>
        <source>Nothing of order {number} was found: it cannot be made ready.</source>
        <translation>注文 {number} の商品が 1 点も見つからなかったため、準備完了にできません。</translation>
    </message>
    <message>
        <source>Order {number} is {state}, not ready for handover.</source>
        <translation>注文 {number} は {state} で、受け渡しの準備ができていません。</translation>
    </message>
    <message>
        <source>Order {number} was already collected at {time} by {who}.</source>
        <translation>注文 {number} は {time} に {who} がすでに受け取りました。</translation>
    </message>
    <message>
        <source>Type the name of the person collecting for the customer.</source>
        <translation>お客様の代わりに受け取る方の名前を入力してください。</translation>
    </message>
    <message>
        <source>No pickup order {number} for a customer called “{name}” at this store.</source>
        <translation>この店舗に「{name}」様の受け取り注文 {number} はありません。</translation>
    </message>
    <message>
        <source>Choose at least one line to hand over.</source>
        <translation>受け渡す明細を 1 つ以上選んでください。</translation>
    </message>
    <message>
        <source>Order {number} is {state}: only an expired order&apos;s bag goes back on the shelf.</source>
        <translation>注文 {number} は {state} です。棚に戻せるのは期限切れの注文の袋だけです。</translation>
    </message>
    <message>
        <source>Order {number} is already back on the shelf.</source>
        <translation>注文 {number} はすでに棚に戻されています。</translation>
    </message>
    <message>
        <source>This bag label is for store {store}, not this one ({here}).</source>
        <translation>この袋ラベルは店舗 {store} のもので、この店舗 ({here}) のものではありません。</translation>
    </message>
    <message>
        <source>This is not a bag label this app can read.</source>
        <translation>このアプリで読める袋ラベルではありません。</translation>
    </message>
    <message>
        <source>Order {number} is not (or no longer) in this store&apos;s pickups.</source>
        <translation>注文 {number} はこの店舗の受け取り注文にありません (またはもうありません)。</translation>
    </message>
    <message>
        <source>Order {number} is pay on pickup: take the payment ({total}) first.</source>
        <translation>注文 {number} は受け取り時払いです。先にお支払い ({total}) を受けてください。</translation>
    </message>
    <message>
        <source>This till has already handed this pickup order over: clear the basket (nothing is charged).</source>
        <translation>このレジではこの受け取り注文をすでにお渡し済みです。バスケットを空にしてください (請求はされません)。</translation>
    </message>
    <message>
        <source>Order {number} was paid online: hand it over, there is nothing to pay.</source>
        <translation>注文 {number} はオンラインで支払い済みです。お支払いはないので、そのままお渡しください。</translation>
    </message>
    <message>
        <source>“{code}” is not a barcode this store knows.</source>
        <translation>「{code}」はこの店舗のバーコードではありません。</translation>
    </message>
    <message>
        <source>Till {till} already has an open shift (opened {opened}); close it before opening another.</source>
        <translation>レジ {till} ではすでにシフトが開いています ({opened} 開始)。別のシフトを始める前に締めてください。</translation>
    </message>
    <message>
        <source>There is no open shift on till {till}; open one with its float first.</source>
        <translation>レジ {till} に開いているシフトはありません。釣銭準備金を数えてシフトを開始してください。</translation>
    </message>
    <message>
        <source>This shift was already closed with Z report {number} at {closed}.</source>
        <translation>このシフトは {closed} に Z レポート {number} で締め済みです。</translation>
    </message>
    <message>
        <source>There is no shift {shift_id} on this device.</source>
        <translation>この端末にシフト {shift_id} はありません。</translation>
    </message>
    <message>
        <source>Count the drawer before closing the shift.</source>
        <translation>シフトを締める前にドロアを数えてください。</translation>
    </message>
    <message>
        <source>The shift is still open, so its Z report is made when it closes (an X report shows the figures so far).</source>
        <translation>シフトはまだ開いているため、Z レポートは締めるときに作られます (現在までの数値は X レポートで確認できます)。</translation>
    </message>
    <message>
        <source>There is no Z report {number} for till {till}.</source>
        <translation>レジ {till} に Z レポート {number} はありません。</translation>
    </message>
    <message>
        <source>The count is {difference} off, beyond the limit of {limit}: a manager approves with their PIN.</source>
        <translation>在高が {difference} ずれており、上限 {limit} を超えています。店長が暗証番号で承認します。</translation>
    </message>
    <message>
        <source>Operations not yet at central: {unsent}; sync first, or a manager defers them with a reason.</source>
        <translation>本部に未送信の処理が {unsent} 件あります。先に同期するか、店長が理由を付けて後回しにします。</translation>
    </message>
    <message>
        <source>Say why the shift closes with operations still unsent.</source>
        <translation>未送信の処理があるままシフトを締める理由を書いてください。</translation>
    </message>
    <message>
        <source>The journal is broken at {entry}, so the shift cannot close; call support with this sentence.</source>
        <translation>ジャーナルが {entry} で壊れているため、シフトを締められません。この文をサポートに伝えてください。</translation>
    </message>
    <message>
        <source>This store&apos;s details have not been downloaded yet; sync first.</source>
        <translation>この店舗の情報がまだダウンロードされていません。先に同期してください。</translation>
    </message>
    <message>
        <source>The shift&apos;s close could not be put together ({detail}).</source>
        <translation>シフトの締めをまとめられませんでした ({detail})。</translation>
    </message>
    <message>
        <source>Open the shift first; then staff can join it.</source>
        <translation>先にシフトを開始してください。その後スタッフが参加できます。</translation>
    </message>
    <message>
        <source>{kind!r} is not a cash movement.</source>
        <translation>{kind!r} は現金の入出金ではありません。</translation>
    </message>
    <message>
        <source>That is not an Aisle enrolment code. Scan the QR code from head office.</source>
        <translation>Aisle の登録コードではありません。本部からの QR コードをスキャンしてください。</translation>
    </message>
    <message>
        <source>The enrolment QR code is incomplete. Ask head office for a new one.</source>
        <translation>登録用 QR コードが不完全です。本部に新しいコードを依頼してください。</translation>
    </message>
    <message>
        <source>Type the address of central, for example https://central.example.com</source>
        <translation>本部のアドレスを入力してください (例: https://central.example.com)</translation>
    </message>
    <message>
        <source>“{url}” is not a web address central can be reached at.</source>
        <translation>「{url}」は本部に接続できる Web アドレスではありません。</translation>
    </message>
    <message>
        <source>Type the enrolment code from head office.</source>
        <translation>本部からの登録コードを入力してください。</translation>
    </message>
    <message>
        <source>Cannot reach central at {url}. Check the address and the network, then try again. ({detail})</source>
        <translation>{url} の本部に接続できません。アドレスとネットワークを確認して、もう一度お試しください。({detail})</translation>
    </message>
    <message>
        <source>Cannot reach central at {url}. Check the address and the network, then try again. If central runs without HTTPS on your network, type {plain} ({detail})</source>
        <translation>{url} の本部に接続できません。アドレスとネットワークを確認して、もう一度お試しください。本部が HTTPS なしで動いている場合は {plain} と入力してください ({detail})</translation>
    </message>
    <message>
        <source>Not enrolled again: nothing was changed.</source>
        <translation>再登録しませんでした。何も変更されていません。</translation>
    </message>
    <message>
        <source>No QR code found in that picture.</source>
        <translation>その画像に QR コードが見つかりません。</translation>
    </message>
    <message>
        <source>Test page sent to {printer}: check that the ruler is on one line.</source>
        <translation>{printer} にテストページを送りました。目盛りが 1 行に収まっているか確認してください。</translation>
    </message>
    <message>
        <source>Terminal {poiid} answered.</source>
        <translation>端末 {poiid} が応答しました。</translation>
    </message>
    <message>
        <source>Terminal {poiid} answered (messages protected).</source>
        <translation>端末 {poiid} が応答しました (通信は保護されています)。</translation>
    </message>
    <message>
        <source>No card terminal is chosen.</source>
        <translation>カード端末が選ばれていません。</translation>
    </message>
    <message>
        <source>The terminal cannot reach the card network and cannot store payments: take cash.</source>
        <translation>端末がカードネットワークに接続できず、決済を保存することもできません。現金でお受けください。</translation>
    </message>
    <message>
        <source>The terminal is offline and this store takes no card payments offline: take cash.</source>
        <translation>端末がオフラインで、この店舗はオフラインのカード決済を受け付けません。現金でお受けください。</translation>
    </message>
    <message>
        <source>The terminal is offline and has stored all it may ({total}) until its end-of-day reconciliation: take cash.</source>
        <translation>端末はオフラインで、日次精算までに保存できる上限 ({total}) に達しました。現金でお受けください。</translation>
    </message>
    <message>
        <source>Offline, a card may pay at most {most}: take the rest in cash.</source>
        <translation>オフライン中、カードで支払えるのは最大 {most} です。残りは現金でお受けください。</translation>
    </message>
    <message>
        <source>The terminal is offline: card payments are stored and sent later (at most {per_sale} a sale, {left} left today).</source>
        <translation>端末はオフラインです。カード決済は保存され、後で送信されます (1 会計 {per_sale} まで、本日の残り {left})。</translation>
    </message>
    <message>
        <source>Central refused this.</source>
        <translation>本部がこれを却下しました。</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so the device token cannot be stored safely. On Linux start a Secret Service (GNOME Keyring or KWallet) in the session; `make demo` does this for you. Aisle will not store the token in a file. (An insecure keyring that could store it: {found}.)</source>
        <translation>このコンピューターには安全なキーリングがないため、端末トークンを安全に保存できません。Linux ではセッションで Secret Service (GNOME Keyring または KWallet) を起動してください。`make demo` は自動で起動します。Aisle はトークンをファイルには保存しません。(保存できる安全でないキーリング: {found}。)</translation>
    </message>
    <message>
        <source>The keyring refused to store the {what}: {detail}</source>
        <translation>キーリングが {what} の保存を拒否しました: {detail}</translation>
    </message>
    <message>
        <source>The keyring could not be read: {detail}</source>
        <translation>キーリングを読み込めませんでした: {detail}</translation>
    </message>
    <message>
        <source>An exchange credit comes only from a return taken back in this basket.</source>
        <translation>交換の返金額は、このバスケットで受け付けた返品からのみ使えます。</translation>
    </message>
    <message>
        <source>A card tender must be a payment the terminal approved for this basket.</source>
        <translation>カードでの支払いは、このバスケットで端末が承認した決済である必要があります。</translation>
    </message>
    <message>
        <source>A store-credit or gift-card tender must be a spend taken for this basket.</source>
        <translation>ストアクレジットやギフトカードでの支払いは、このバスケットで受け付けた利用である必要があります。</translation>
    </message>
    <message>
        <source>This is not a return code or receipt of this retailer.</source>
        <translation>この小売店の返品コードまたはレシートではありません。</translation>
    </message>
    <message>
        <source>Return {number} was already completed on this till ({time}): nothing more to refund.</source>
        <translation>返品 {number} はこのレジですでに完了しています ({time})。これ以上返金するものはありません。</translation>
    </message>
    <message>
        <source>Return {number} was already completed at central: nothing more to refund.</source>
        <translation>返品 {number} は本部ですでに完了しています。これ以上返金するものはありません。</translation>
    </message>
    <message>
        <source>Type the receipt number.</source>
        <translation>レシート番号を入力してください。</translation>
    </message>
    <message>
        <source>No sale with receipt {number}.</source>
        <translation>レシート {number} の会計はありません。</translation>
    </message>
    <message>
        <source>Receipt {number} is from another till and central cannot be reached: try again when online.</source>
        <translation>レシート {number} は別のレジのもので、本部に接続できません。オンラインになってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Type the last 4 digits of the card.</source>
        <translation>カード番号の下 4 桁を入力してください。</translation>
    </message>
    <message>
        <source>Returns without a receipt are not available on this till.</source>
        <translation>このレジではレシートなしの返品はできません。</translation>
    </message>
    <message>
        <source>Scan the item&apos;s barcode or type its SKU.</source>
        <translation>商品のバーコードをスキャンするか、SKU を入力してください。</translation>
    </message>
    <message>
        <source>This item is not in the catalog.</source>
        <translation>この商品は商品マスタにありません。</translation>
    </message>
    <message>
        <source>This item has no price at this store: it cannot come back without a receipt.</source>
        <translation>この商品にはこの店舗の価格がないため、レシートなしでは返品できません。</translation>
    </message>
    <message>
        <source>Without a receipt, choose the customer: the refund is store credit.</source>
        <translation>レシートなしの場合はお客様を選んでください。返金はストアクレジットになります。</translation>
    </message>
    <message>
        <source>No customer matches “{customer}”.</source>
        <translation>「{customer}」に該当するお客様はいません。</translation>
    </message>
    <message>
        <source>This card was not used for the sale: refund to the card it was paid with.</source>
        <translation>このカードはこの会計で使われていません。支払いに使われたカードに返金してください。</translation>
    </message>
    <message>
        <source>At most {most} can go back as cash.</source>
        <translation>現金で返金できるのは最大 {most} です。</translation>
    </message>
    <message>
        <source>At most {most} can go back as card.</source>
        <translation>カードに返金できるのは最大 {most} です。</translation>
    </message>
    <message>
        <source>The refund must add up to what the returned items paid.</source>
        <translation>返金額の合計は、返品する商品の支払額と同じにしてください。</translation>
    </message>
    <message>
        <source>Open this till&apos;s shift first: a cash refund comes out of its drawer.</source>
        <translation>先にこのレジのシフトを開始してください。現金の返金はドロアから出します。</translation>
    </message>
    <message>
        <source>This return is already completed.</source>
        <translation>この返品はすでに完了しています。</translation>
    </message>
    <message>
        <source>The terminal refused the card refund.</source>
        <translation>端末がカードへの返金を拒否しました。</translation>
    </message>
    <message>
        <source>A return without a receipt needs a manager&apos;s approval.</source>
        <translation>レシートなしの返品には店長の承認が必要です。</translation>
    </message>
    <message>
        <source>No return {key} on this till.</source>
        <translation>このレジに返品 {key} はありません。</translation>
    </message>
    <message>
        <source>Return {number} has no card refund waiting.</source>
        <translation>返品 {number} に保留中のカード返金はありません。</translation>
    </message>
    <message>
        <source>Exchanged: {credit} of the return paid the new items.</source>
        <translation>交換済み：返品の {credit} を新しい商品の支払いに充てました。</translation>
    </message>
    <message>
        <source>The rest went back: {said}.</source>
        <translation>残りは返金しました：{said}。</translation>
    </message>
    <message>
        <source>Exchanges are not available on this till.</source>
        <translation>このレジでは交換できません。</translation>
    </message>
    <message>
        <source>A return without a receipt is store credit only: it cannot be an exchange.</source>
        <translation>レシートなしの返品はストアクレジットのみです。交換にはできません。</translation>
    </message>
    <message>
        <source>The return was paid in {currency}: the exchange must be in the same currency.</source>
        <translation>返品は {currency} で支払われています。交換も同じ通貨で行ってください。</translation>
    </message>
    <message>
        <source>The return&apos;s {credit} pays all of the new items: nothing more to pay.</source>
        <translation>返品の {credit} で新しい商品の代金がすべて支払われます。追加の支払いはありません。</translation>
    </message>
    <message>
        <source>This basket was already paid without this return: start the exchange again.</source>
        <translation>このバスケットはこの返品なしで支払い済みです。交換を最初からやり直してください。</translation>
    </message>
    <message>
        <source>Customer search is not available on this till.</source>
        <translation>このレジではお客様を検索できません。</translation>
    </message>
    <message>
        <source>Choose the reason the customer gives: a return at the counter needs one.</source>
        <translation>お客様の返品理由を選んでください。店頭での返品には理由が必要です。</translation>
    </message>
    <message>
        <source>“{reason}” is not a reason of the return policy; choose one of: {known}.</source>
        <translation>「{reason}」は返品ポリシーの理由ではありません。次から選んでください：{known}。</translation>
    </message>
    <message>
        <source>Without a receipt this customer may return {limit} in {days} days across the stores; {left} is left.</source>
        <translation>レシートなしの場合、このお客様は全店舗で {days} 日間に {limit} まで返品できます。残りは {left} です。</translation>
    </message>
    <message>
        <source>Without a receipt this customer may return {limit} in {days} days; {left} is left by this till&apos;s count (central cannot be reached; it checks again).</source>
        <translation>レシートなしの場合、このお客様は {days} 日間に {limit} まで返品できます。このレジの集計では残り {left} です（本部に接続できないため、後で本部が再確認します）。</translation>
    </message>
    <message>
        <source>Central had a problem ({status}); will retry</source>
        <translation>本部サーバーで問題が発生しました ({status})。再試行します</translation>
    </message>
    <message>
        <source>Central did not answer in time</source>
        <translation>本部から時間内に応答がありませんでした</translation>
    </message>
    <message>
        <source>Central sent an answer that cannot be decoded (bad compression)</source>
        <translation>本部からの応答を復号できません (圧縮の異常)</translation>
    </message>
    <message>
        <source>Cannot reach central at {url} ({kind})</source>
        <translation>本部 {url} に接続できません ({kind})</translation>
    </message>
    <message>
        <source>Central sent a malformed {what} ({why})</source>
        <translation>本部から不正な {what} が届きました ({why})</translation>
    </message>
    <message>
        <source>Central sent a page that does not fit the request ({stream})</source>
        <translation>本部から要求と合わないページが届きました ({stream})</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a push does not list the ops sent, in order</source>
        <translation>送信した操作が本部の応答に順番どおり含まれていません</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a receipt e-mail is not JSON</source>
        <translation>レシートメールへの本部の応答が JSON ではありません</translation>
    </message>
    <message>
        <source>Central&apos;s answer to a receipt e-mail has no message id</source>
        <translation>レシートメールへの本部の応答にメッセージ ID がありません</translation>
    </message>
    <message>
        <source>Central refused the request ({status})</source>
        <translation>本部が要求を拒否しました ({status})</translation>
    </message>
    <message>
        <source>Central sent {size} bytes; the limit is {limit}</source>
        <translation>本部から {size} バイト届きました。上限は {limit} バイトです</translation>
    </message>
    <message>
        <source>Central sent more than {limit} bytes</source>
        <translation>本部から {limit} バイトを超えるデータが届きました</translation>
    </message>
    <message>
        <source>Connection to central broke ({kind})</source>
        <translation>本部との接続が切れました ({kind})</translation>
    </message>
    <message>
        <source>Central sent a snapshot line longer than 1 MiB</source>
        <translation>本部から 1 MiB を超える行のデータが届きました</translation>
    </message>
    <message>
        <source>Central sent a snapshot that is not valid gzip</source>
        <translation>本部から届いたデータが正しい gzip ではありません</translation>
    </message>
    <message>
        <source>Connection to central broke during download ({kind})</source>
        <translation>ダウンロード中に本部との接続が切れました ({kind})</translation>
    </message>
    <message>
        <source>Central sent live events that cannot be decoded (bad compression)</source>
        <translation>本部からのライブ更新を復号できません (圧縮の異常)</translation>
    </message>
    <message>
        <source>Live connection to central broke ({kind})</source>
        <translation>本部とのライブ接続が切れました ({kind})</translation>
    </message>
    <message>
        <source>Central refused this device&apos;s token ({detail}); enrol the device again.</source>
        <translation>本部がこの端末のトークンを拒否しました ({detail})。端末を登録し直してください。</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>同期を停止しました</translation>
    </message>
    <message>
        <source>Downloading {stream}…</source>
        <translation>{stream}をダウンロードしています…</translation>
    </message>
    <message>
        <source>Central sent malformed {stream} data; kept the cache as it was ({detail})</source>
        <translation>本部から不正な{stream}データが届きました。端末のデータはそのままです ({detail})</translation>
    </message>
    <message>
        <source>Central refused the {stream} download ({status}: {detail}); sync will try again</source>
        <translation>本部が{stream}のダウンロードを拒否しました ({status}: {detail})。同期で再試行します</translation>
    </message>
    <message>
        <source>Central refused it ({code})</source>
        <translation>本部が拒否しました ({code})</translation>
    </message>
    <message>
        <source>Central could not apply it ({code})</source>
        <translation>本部で反映できませんでした ({code})</translation>
    </message>
    <message>
        <source>this operation cannot be sent: {why}</source>
        <translation>この操作は送信できません: {why}</translation>
    </message>
    <message>
        <source>not tried: an earlier operation failed</source>
        <translation>未送信: 先の操作が失敗しました</translation>
    </message>
    <message>
        <source>A ServiceID is 1 to {most} letters or digits, not {service_id!r}.</source>
        <translation>ServiceID は 1〜{most} 文字の英数字です ({service_id!r} は使えません)。</translation>
    </message>
    <message>
        <source>The terminal CA file {path!r} cannot be read ({kind}).</source>
        <translation>カード端末の CA ファイル {path!r} を読み込めません ({kind})。</translation>
    </message>
    <message>
        <source>{url!r} is not a terminal address (https://host:8443/nexo/).</source>
        <translation>{url!r} はカード端末のアドレスではありません (https://host:8443/nexo/)。</translation>
    </message>
    <message>
        <source>The terminal answered HTTP {status} instead of a nexo message.</source>
        <translation>カード端末が nexo メッセージではなく HTTP {status} で応答しました。</translation>
    </message>
    <message>
        <source>Plain HTTP to a payment terminal is allowed only when set up explicitly (tests).</source>
        <translation>カード端末への暗号化なしの HTTP は、明示的に設定した場合 (テスト) のみ使えます。</translation>
    </message>
    <message>
        <source>An HTTPS terminal needs the CA file its certificate is checked against.</source>
        <translation>HTTPS のカード端末には、証明書を確認する CA ファイルが必要です。</translation>
    </message>
    <message>
        <source>The terminal at {url} does not answer; is it on and on this network?</source>
        <translation>カード端末 {url} が応答しません。電源が入っていて、このネットワークにつながっていますか?</translation>
    </message>
    <message>
        <source>The terminal at {url} cannot be reached; is it on and on this network?</source>
        <translation>カード端末 {url} に接続できません。電源が入っていて、このネットワークにつながっていますか?</translation>
    </message>
    <message>
        <source>The device at this address is {names}, not terminal {poiid}.</source>
        <translation>このアドレスの機器は {names} で、カード端末 {poiid} ではありません。</translation>
    </message>
    <message>
        <source>The terminal&apos;s certificate is not signed by the configured CA; this may not be a genuine terminal.</source>
        <translation>カード端末の証明書が設定された CA で署名されていません。正規の端末ではない可能性があります。</translation>
    </message>
    <message>
        <source>{currency!r} is not an ISO 4217 currency code.</source>
        <translation>{currency!r} は ISO 4217 の通貨コードではありません。</translation>
    </message>
    <message>
        <source>The terminal sent {amount!r} as an amount.</source>
        <translation>カード端末から金額として {amount!r} が届きました。</translation>
    </message>
    <message>
        <source>The terminal sent {amount} {currency}, which is not a whole number of minor units.</source>
        <translation>カード端末から {amount} {currency} が届きましたが、最小通貨単位の整数ではありません。</translation>
    </message>
    <message>
        <source>A terminal needs its POIID and this till&apos;s SaleID.</source>
        <translation>カード端末には POIID とこのレジの SaleID が必要です。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not a JSON object.</source>
        <translation>カード端末の応答が JSON オブジェクトではありません。</translation>
    </message>
    <message>
        <source>The terminal answered without encryption, so the answer cannot be trusted.</source>
        <translation>カード端末が暗号化せずに応答したため、応答を信頼できません。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer was altered on the way (its headers differ).</source>
        <translation>カード端末の応答が途中で改変されました (ヘッダーが一致しません)。</translation>
    </message>
    <message>
        <source>A card payment needs an amount above zero.</source>
        <translation>カード支払いの金額は 0 より大きくしてください。</translation>
    </message>
    <message>
        <source>A card payment needs the sale&apos;s reference.</source>
        <translation>カード支払いには販売の参照番号が必要です。</translation>
    </message>
    <message>
        <source>The terminal could not say how the payment ended ({condition}).</source>
        <translation>カード端末は支払いの結果を伝えられませんでした ({condition})。</translation>
    </message>
    <message>
        <source>The terminal could not say how the payment ended (no reason given).</source>
        <translation>カード端末は支払いの結果を伝えられませんでした (理由の説明なし)。</translation>
    </message>
    <message>
        <source>The terminal answered the status of payment {got!r} instead of {want!r}.</source>
        <translation>カード端末が {want!r} ではなく支払い {got!r} の状態を返しました。</translation>
    </message>
    <message>
        <source>The terminal&apos;s status answer has no result of the payment in it.</source>
        <translation>カード端末の状態の応答に支払いの結果が含まれていません。</translation>
    </message>
    <message>
        <source>The terminal refused the cancel ({condition}).</source>
        <translation>カード端末が取消を拒否しました ({condition})。</translation>
    </message>
    <message>
        <source>The terminal refused the cancel (no reason given).</source>
        <translation>カード端末が取消を拒否しました (理由の説明なし)。</translation>
    </message>
    <message>
        <source>A refund needs an amount above zero.</source>
        <translation>返金額は 0 より大きくしてください。</translation>
    </message>
    <message>
        <source>A refund cannot give back more than was taken on that card.</source>
        <translation>そのカードで支払われた額を超えて返金することはできません。</translation>
    </message>
    <message>
        <source>The terminal refused the day&apos;s totals ({condition}).</source>
        <translation>カード端末が本日の集計を拒否しました ({condition})。</translation>
    </message>
    <message>
        <source>The terminal refused the day&apos;s totals (no reason given).</source>
        <translation>カード端末が本日の集計を拒否しました (理由の説明なし)。</translation>
    </message>
    <message>
        <source>The terminal sent an empty answer.</source>
        <translation>カード端末から空の応答が届きました。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not a nexo SaleToPOIResponse.</source>
        <translation>カード端末の応答が nexo の SaleToPOIResponse ではありません。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no MessageHeader.</source>
        <translation>カード端末の応答に MessageHeader がありません。</translation>
    </message>
    <message>
        <source>Terminal {got!r} answered, but this till is set up for {want!r}.</source>
        <translation>カード端末 {got!r} が応答しましたが、このレジの設定は {want!r} です。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer belongs to another request ({got_category} {got_id!r}), not to {category} {service_id!r}.</source>
        <translation>カード端末の応答は {category} {service_id!r} ではなく、別の要求 ({got_category} {got_id!r}) へのものです。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no {name}.</source>
        <translation>カード端末の応答に {name} がありません。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer has no Result.</source>
        <translation>カード端末の応答に Result がありません。</translation>
    </message>
    <message>
        <source>The terminal approved without saying the amount and currency.</source>
        <translation>カード端末が金額と通貨を示さずに承認しました。</translation>
    </message>
    <message>
        <source>The terminal approved without a transaction id.</source>
        <translation>カード端末が取引 ID なしで承認しました。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer is not valid JSON.</source>
        <translation>カード端末の応答が正しい JSON ではありません。</translation>
    </message>
    <message>
        <source>The terminal encrypts its messages but no encryption key is set up for it on this till.</source>
        <translation>カード端末はメッセージを暗号化していますが、このレジに暗号鍵が設定されていません。</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s message: the encryption key or passphrase does not match the terminal&apos;s.</source>
        <translation>カード端末がレジのメッセージを読めませんでした。暗号鍵またはパスフレーズが端末のものと一致しません。</translation>
    </message>
    <message>
        <source>The terminal&apos;s answer failed the encryption check — is the passphrase right? ({why})</source>
        <translation>カード端末の応答が暗号の検証に失敗しました。パスフレーズは正しいですか? ({why})</translation>
    </message>
    <message>
        <source>The terminal is busy and cannot say how the payment ended yet; try again.</source>
        <translation>カード端末が処理中のため、支払いの結果をまだ伝えられません。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The terminal did not confirm the cancel ({why}); check the terminal.</source>
        <translation>カード端末が取消を確認しませんでした ({why})。端末を確認してください。</translation>
    </message>
    <message>
        <source>The terminal did not send its totals ({why}); try again.</source>
        <translation>カード端末が集計を送りませんでした ({why})。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The terminal is busy; fetch the day&apos;s totals again in a moment.</source>
        <translation>カード端末が処理中です。少し待ってから本日の集計をもう一度取得してください。</translation>
    </message>
    <message>
        <source>The terminal&apos;s totals name no currency.</source>
        <translation>カード端末の集計に通貨がありません。</translation>
    </message>
    <message>
        <source>The terminal approved in {currency}, but the till asked for {want}.</source>
        <translation>カード端末は {currency} で承認しましたが、レジが求めたのは {want} です。</translation>
    </message>
    <message>
        <source>The terminal approved {amount} {currency}, but the till asked for {want} {currency}.</source>
        <translation>カード端末は {amount} {currency} を承認しましたが、レジが求めたのは {want} {currency} です。</translation>
    </message>
    <message>
        <source>The terminal is busy; try the refund again in a moment.</source>
        <translation>カード端末が処理中です。少し待ってから返金をもう一度お試しください。</translation>
    </message>
    <message>
        <source>The terminal refunded {amount} {currency}, but the till asked for {want} {currency}.</source>
        <translation>カード端末は {amount} {currency} を返金しましたが、レジが求めたのは {want} {currency} です。</translation>
    </message>
    <message>
        <source>The terminal&apos;s totals have a count that is not a number.</source>
        <translation>カード端末の集計に数値でない件数があります。</translation>
    </message>
    <message>
        <source>The terminal is busy with another payment; wait for it to finish and try again.</source>
        <translation>カード端末は別の支払いを処理中です。終わるのを待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s request.</source>
        <translation>カード端末がレジの要求を読めませんでした。</translation>
    </message>
    <message>
        <source>The terminal has already seen request {service_id!r}; nothing was charged by this one.</source>
        <translation>カード端末は要求 {service_id!r} をすでに受け取っています。今回の要求では何も請求されていません。</translation>
    </message>
    <message>
        <source>The terminal did not answer in time.</source>
        <translation>カード端末から時間内に応答がありませんでした。</translation>
    </message>
    <message>
        <source>The connection to the terminal closed before its answer came.</source>
        <translation>カード端末の応答が届く前に接続が切れました。</translation>
    </message>
    <message>
        <source>The connection to the terminal failed while the request was being sent.</source>
        <translation>要求の送信中にカード端末との接続が失敗しました。</translation>
    </message>
    <message>
        <source>The terminal could not read the till&apos;s message: the encryption key or passphrase does not match.</source>
        <translation>カード端末がレジのメッセージを読めませんでした。暗号鍵またはパスフレーズが一致しません。</translation>
    </message>
    <message>
        <source>Stock correction {delta} of {sku} ({reason})</source>
        <translation>{sku} の在庫修正 {delta} ({reason})</translation>
    </message>
    <message>
        <source>Sale {receipt}</source>
        <translation>販売 {receipt}</translation>
    </message>
    <message>
        <source>Journal entries {first}–{last} for central</source>
        <translation>本部へのジャーナル {first}–{last}</translation>
    </message>
    <message>
        <source>New customer {name}</source>
        <translation>新規顧客 {name}</translation>
    </message>
    <message>
        <source>Order to ship 1 item for customer {customer}</source>
        <translation>顧客 {customer} への配送注文 1 点</translation>
    </message>
    <message>
        <source>Order to ship {count} items for customer {customer}</source>
        <translation>顧客 {customer} への配送注文 {count} 点</translation>
    </message>
    <message>
        <source>Decision of shipment {shipment}</source>
        <translation>出荷 {shipment} の判断</translation>
    </message>
    <message>
        <source>Refund of shipment {shipment}</source>
        <translation>出荷 {shipment} の返金</translation>
    </message>
    <message>
        <source>Shipping of shipment {shipment}</source>
        <translation>出荷 {shipment} の発送</translation>
    </message>
    <message>
        <source>Refund of refused order {order}</source>
        <translation>拒否された注文 {order} の返金</translation>
    </message>
    <message>
        <source>Picking of pickup order {order}</source>
        <translation>店舗受け取り注文 {order} のピッキング</translation>
    </message>
    <message>
        <source>Pickup order {order} ready</source>
        <translation>店舗受け取り注文 {order} の準備完了</translation>
    </message>
    <message>
        <source>Handover of pickup order {order}</source>
        <translation>店舗受け取り注文 {order} のお渡し</translation>
    </message>
    <message>
        <source>Restocking of pickup order {order}</source>
        <translation>店舗受け取り注文 {order} の棚戻し</translation>
    </message>
    <message>
        <source>Check-in for pickup order {order}</source>
        <translation>店舗受け取り注文 {order} の来店受付</translation>
    </message>
    <message>
        <source>Return of 1 item ({kind})</source>
        <translation>返品 1 点 ({kind})</translation>
    </message>
    <message>
        <source>Return of {count} items ({kind})</source>
        <translation>返品 {count} 点 ({kind})</translation>
    </message>
    <message>
        <source>Queued card refund of return {number} made</source>
        <translation>返品 {number} のカード返金 (実行済み) の報告</translation>
    </message>
    <message>
        <source>Z report {number} of till {till}</source>
        <translation>レジ {till} の Z レポート {number}</translation>
    </message>
    <message>
        <source>Load of gift card {card}</source>
        <translation>ギフトカード {card} へのチャージ</translation>
    </message>
    <message>
        <source>Void of a load of gift card {card}</source>
        <translation>ギフトカード {card} のチャージ取消</translation>
    </message>
    <message>
        <source>The {stream} download stopped early; it will resume</source>
        <translation>{stream}のダウンロードが途中で止まりました。続きから再開します</translation>
    </message>
    <message>
        <source>The {stream} download lost rows ({received} of {rows}); starting over</source>
        <translation>{stream}のダウンロードで行が欠けました ({rows} 行中 {received} 行)。最初からやり直します</translation>
    </message>
    <message>
        <source>The {stream} download did not match central&apos;s checksum; starting over</source>
        <translation>{stream}のダウンロードが本部のチェックサムと一致しません。最初からやり直します</translation>
    </message>
    <message>
        <source>Central sent a malformed {stream} snapshot row; download stopped ({detail})</source>
        <translation>本部から不正な{stream}の行が届きました。ダウンロードを止めました ({detail})</translation>
    </message>
    <message>
        <source>Central sent a malformed {stream} snapshot (one row per line expected)</source>
        <translation>本部から不正な{stream}データが届きました (1 行に 1 件のはずです)</translation>
    </message>
    <message>
        <source>Central sent a {stream} snapshot without a valid header</source>
        <translation>本部から届いた{stream}データに正しいヘッダーがありません</translation>
    </message>
    <message>
        <source>Central&apos;s {stream} snapshot has other columns than this app knows</source>
        <translation>本部の{stream}データの列がこのアプリの知る列と違います</translation>
    </message>
    <message>
        <source>Central&apos;s {stream} snapshot ended with a malformed trailer</source>
        <translation>本部の{stream}データの末尾が不正です</translation>
    </message>
    <message>
        <source>The {stream} data on this device is an older copy; a new one is downloading and replaces it when complete</source>
        <translation>この端末の{stream}データは古い版です。新しい版をダウンロード中で、完了すると置き換わります</translation>
    </message>
    <message>
        <source>The {stream} cache differed from central ({here} rows here, {there} there); it was downloaded again</source>
        <translation>端末の{stream}データが本部と違っていました (端末 {here} 行、本部 {there} 行)。ダウンロードし直しました</translation>
    </message>
    <message>
        <source>Sync hit an unexpected problem ({kind}); it will retry</source>
        <translation>同期で予期しない問題が起きました ({kind})。再試行します</translation>
    </message>
    <message>
        <source>Sync hit an unexpected problem</source>
        <translation>同期で予期しない問題が起きました</translation>
    </message>
    <message>
        <source>with receipt</source>
        <translation>レシートあり</translation>
    </message>
    <message>
        <source>without receipt</source>
        <translation>レシートなし</translation>
    </message>
    <message>
        <source>started online</source>
        <translation>オンラインで開始</translation>
    </message>
    <message>
        <source>stores</source>
        <translation>店舗</translation>
    </message>
    <message>
        <source>tax rates</source>
        <translation>税率</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>role limits</source>
        <translation>役割ごとの上限</translation>
    </message>
    <message>
        <source>card limits</source>
        <translation>カードの上限</translation>
    </message>
    <message>
        <source>points rules</source>
        <translation>ポイントのルール</translation>
    </message>
    <message>
        <source>loyalty tiers</source>
        <translation>会員ランク</translation>
    </message>
    <message>
        <source>spending limits</source>
        <translation>利用上限</translation>
    </message>
    <message>
        <source>shift rules</source>
        <translation>シフトのルール</translation>
    </message>
    <message>
        <source>central&apos;s keys</source>
        <translation>本部の鍵</translation>
    </message>
    <message>
        <source>pickups</source>
        <translation>店舗受け取り</translation>
    </message>
    <message>
        <source>customer balances</source>
        <translation>顧客の残高</translation>
    </message>
    <message>
        <source>promotions</source>
        <translation>キャンペーン</translation>
    </message>
    <message>
        <source>product names</source>
        <translation>商品名</translation>
    </message>
    <message>
        <source>catalog</source>
        <translation>商品マスタ</translation>
    </message>
    <message>
        <source>prices</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>stock</source>
        <translation>在庫</translation>
    </message>
    <message>
        <source>delivery options</source>
        <translation>配送方法</translation>
    </message>
    <message>
        <source>delivery orders</source>
        <translation>配送注文</translation>
    </message>
    <message>
        <source>return policy</source>
        <translation>返品ルール</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>{0} seconds</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>{0} minutes</source>
        <translation>{0} 分</translation>
    </message>
    <message>
        <source>associate</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>店長</translation>
    </message>
    <message>
        <source>device token</source>
        <translation>端末トークン</translation>
    </message>
    <message>
        <source>PIN key</source>
        <translation>暗証番号キー</translation>
    </message>
    <message>
        <source>terminal passphrase</source>
        <translation>端末のパスフレーズ</translation>
    </message>
    <message>
        <source>{0} (more pieces)</source>
        <translation>{0} (増加)</translation>
    </message>
    <message>
        <source>{0} (fewer pieces)</source>
        <translation>{0} (減少)</translation>
    </message>
</context>
<context>
    <name>NoReceiptSheet</name>
    <message>
        <source>Return without a receipt</source>
        <translation>レシートなしの返品</translation>
    </message>
    <message>
        <source>Refunded as store credit to the customer, with a manager&apos;s approval.</source>
        <translation>店長の承認でストアクレジットに返金します。</translation>
    </message>
    <message>
        <source>Item: scan or type its barcode or SKU</source>
        <translation>商品: バーコードかSKUをスキャン・入力</translation>
    </message>
    <message>
        <source>Customer: phone, e-mail or name</source>
        <translation>お客様: 電話番号、メール、氏名</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>店長の暗証番号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Ask a manager</source>
        <translation>店長に承認を依頼</translation>
    </message>
    <message>
        <source>Tap the customer&apos;s reason.</source>
        <translation>お客様の返品理由をタップしてください。</translation>
    </message>
    <message>
        <source>{left} of {limit} left without a receipt in 30 days (all stores)</source>
        <translation>レシートなし返品の残り: {limit}のうち{left}（30日間・全店舗）</translation>
    </message>
    <message>
        <source>{left} of {limit} left without a receipt in 30 days (this till&apos;s count: offline)</source>
        <translation>レシートなし返品の残り: {limit}のうち{left}（30日間・このレジの集計、オフライン）</translation>
    </message>
    <message>
        <source>{item} · {amount} as store credit to {who}</source>
        <translation>{item} · {amount}を{who}様のストアクレジットへ</translation>
    </message>
</context>
<context>
    <name>NumberPad</name>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>OrderRow</name>
    <message>
        <source>Central: {0}</source>
        <translation>本部: {0}</translation>
    </message>
</context>
<context>
    <name>OrdersButton</name>
    <message>
        <source>Orders: deliveries sold here, to decide, ship or refund</source>
        <translation>注文: この店舗で販売した配送注文の判断・発送・返金</translation>
    </message>
    <message>
        <source>Orders {0}</source>
        <translation>注文 {0}</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Orders: {0} need you</source>
        <translation>注文: {0}件 要対応</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Orders to deliver</source>
        <translation>配送注文</translation>
    </message>
    <message>
        <source>‹ Orders</source>
        <translation>‹ 注文</translation>
    </message>
    <message>
        <source>Mark shipped</source>
        <translation>発送済みにする</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>ありません。</translation>
    </message>
    <message>
        <source>not numbered yet</source>
        <translation>番号未採番</translation>
    </message>
    <message>
        <source>Order {0} · {1}</source>
        <translation>注文 {0} · {1}</translation>
    </message>
    <message>
        <source>Paid with receipt {0}</source>
        <translation>レシート {0} で支払い済み</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>本部: {0}</translation>
    </message>
    <message>
        <source>Not sent to central yet: it goes with the next sync.</source>
        <translation>本部に未送信です。次回の同期で送信されます。</translation>
    </message>
    <message>
        <source>Central has not confirmed this order yet (offline?): it finds the stock once it does.</source>
        <translation>本部がまだこの注文を確認していません (オフライン?)。確認後に在庫を引き当てます。</translation>
    </message>
    <message>
        <source>Shipped with {0}, tracking {1}</source>
        <translation>{0}で発送済み、追跡番号 {1}</translation>
    </message>
    <message>
        <source>No location had the stock. What now?</source>
        <translation>在庫のある拠点がありませんでした。どうしますか?</translation>
    </message>
    <message>
        <source>Ship from {0} ({1} by this till&apos;s figures)</source>
        <translation>{0}から発送 (このレジの数値で{1}点)</translation>
    </message>
    <message>
        <source>No other location shows stock on this till either.</source>
        <translation>このレジでも在庫のある拠点は他にありません。</translation>
    </message>
    <message>
        <source>Wait for stock (central tries again)</source>
        <translation>入荷を待つ (本部が再試行)</translation>
    </message>
    <message>
        <source>Cancel and refund the customer</source>
        <translation>キャンセルして返金</translation>
    </message>
    <message>
        <source>Owed to the customer: {0}</source>
        <translation>お客様への返金額: {0}</translation>
    </message>
    <message>
        <source>Refund {0} in cash</source>
        <translation>{0}を現金で返金</translation>
    </message>
    <message>
        <source>Refund {0} to the card</source>
        <translation>{0}をカードに返金</translation>
    </message>
    <message>
        <source>This store ships it: carrier and tracking number</source>
        <translation>この店舗から発送: 配送業者と追跡番号</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>追跡番号</translation>
    </message>
    <message>
        <source>Sent: central ships it from there.</source>
        <translation>送信しました。本部がその拠点から発送します。</translation>
    </message>
    <message>
        <source>Sent: central tries again when stock comes in.</source>
        <translation>送信しました。入荷時に本部が再試行します。</translation>
    </message>
    <message>
        <source>Cancelled: the refund shows here once central confirms it.</source>
        <translation>キャンセルしました。本部の確認後、返金がここに表示されます。</translation>
    </message>
    <message>
        <source>Give the customer {0} from the drawer.</source>
        <translation>ドロアから{0}をお客様にお渡しください。</translation>
    </message>
    <message>
        <source>{0} went back to the card.</source>
        <translation>{0}をカードに返金しました。</translation>
    </message>
    <message>
        <source>Choose the carrier the parcel left with.</source>
        <translation>荷物を引き渡した配送業者を選択してください。</translation>
    </message>
    <message>
        <source>Shipped: central e-mails the customer the tracking link.</source>
        <translation>発送済み。本部からお客様に追跡リンクをメールします。</translation>
    </message>
</context>
<context>
    <name>ParkedSheet</name>
    <message>
        <source>Parked baskets</source>
        <translation>保留中の会計</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>No basket is parked on this device.</source>
        <translation>この端末に保留中の会計はありません。</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1点</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0}点</translation>
    </message>
    <message>
        <source>{when} · {what} · {total} — Resume</source>
        <translation>{when} · {what} · {total} — 呼び出し</translation>
    </message>
</context>
<context>
    <name>PickupRow</name>
    <message>
        <source>● Customer waiting at the counter</source>
        <translation>● お客様がカウンターでお待ちです</translation>
    </message>
    <message>
        <source> from shelf {0}</source>
        <translation> (棚 {0} から)</translation>
    </message>
    <message>
        <source>⟲ Put the bag back on the sales floor{0}</source>
        <translation>⟲ 袋の商品を売場に戻す{0}</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>本部: {0}</translation>
    </message>
</context>
<context>
    <name>PickupView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>店舗受け取り</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>注文番号</translation>
    </message>
    <message>
        <source>Customer&apos;s name</source>
        <translation>お客様氏名</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Shelf or bin</source>
        <translation>棚・ボックス</translation>
    </message>
    <message>
        <source>e.g. B-3</source>
        <translation>例: B-3</translation>
    </message>
    <message>
        <source>‹ Queue</source>
        <translation>‹ 一覧</translation>
    </message>
    <message>
        <source>Save, finish later</source>
        <translation>保存して後で続行</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>The bag is on its shelf: central e-mails the customer their pickup code</source>
        <translation>袋を棚に置きました。本部からお客様に受け取りコードをメールします</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Print the bag label on this till&apos;s printer: number, name, shelf, QR</source>
        <translation>このレジのプリンターで袋ラベルを印刷: 番号、氏名、棚、QR</translation>
    </message>
    <message>
        <source>Back on the shelf</source>
        <translation>売場に戻した</translation>
    </message>
    <message>
        <source>The expired bag&apos;s items are back on the sales floor: central frees them</source>
        <translation>期限切れの袋の商品を売場に戻しました。本部が在庫を解放します</translation>
    </message>
    <message>
        <source>ID checked</source>
        <translation>本人確認済み</translation>
    </message>
    <message>
        <source>Found by number and name: look at the customer&apos;s ID first</source>
        <translation>番号と氏名で検索しました。先にお客様の身分証を確認してください</translation>
    </message>
    <message>
        <source>Someone else collects</source>
        <translation>代理人が受け取る</translation>
    </message>
    <message>
        <source>Name of the person collecting</source>
        <translation>受け取る方の氏名</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>お渡し</translation>
    </message>
    <message>
        <source>Print the bag label again (a lost or torn one)</source>
        <translation>袋ラベルを再印刷 (紛失・破損時)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Back to looking up products</source>
        <translation>商品検索に戻る</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>ピッキング中</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>受け取り済み</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Expired · cancelled</source>
        <translation>期限切れ · キャンセル</translation>
    </message>
    <message>
        <source>No new pickup orders.</source>
        <translation>新しい受け取り注文はありません。</translation>
    </message>
    <message>
        <source>No order is being picked.</source>
        <translation>ピッキング中の注文はありません。</translation>
    </message>
    <message>
        <source>No order waits on the shelf.</source>
        <translation>棚で待機中の注文はありません。</translation>
    </message>
    <message>
        <source>Nothing collected yet.</source>
        <translation>受け取り済みの注文はまだありません。</translation>
    </message>
    <message>
        <source>No expired or cancelled orders.</source>
        <translation>期限切れ・キャンセルの注文はありません。</translation>
    </message>
    <message>
        <source>Found by number and name: check the customer&apos;s ID, then tap “ID checked”.</source>
        <translation>番号と氏名で検索しました。お客様の身分証を確認し、「本人確認済み」をタップしてください。</translation>
    </message>
    <message>
        <source>Order {0}</source>
        <translation>ご注文 {0}</translation>
    </message>
    <message>
        <source>ordered just now</source>
        <translation>たった今注文</translation>
    </message>
    <message>
        <source>ordered {0} ago</source>
        <translation>{0}前に注文</translation>
    </message>
    <message>
        <source>pay on pickup</source>
        <translation>受け取り時支払い</translation>
    </message>
    <message>
        <source>paid online</source>
        <translation>オンライン決済済み</translation>
    </message>
    <message>
        <source>Not collected in time. Put the bag&apos;s items back on the sales floor{0}, then tap “Back on the shelf”.</source>
        <translation>期限内に受け取られませんでした。袋の商品を売場に戻し{0}、「売場に戻した」をタップしてください。</translation>
    </message>
    <message>
        <source> (shelf {0})</source>
        <translation> (棚 {0})</translation>
    </message>
    <message>
        <source>Back on the shelf; central freed its stock.</source>
        <translation>売場に戻しました。本部が在庫を解放しました。</translation>
    </message>
    <message>
        <source>Collected by {who} on {till}.</source>
        <translation>{till}で{who}が受け取りました。</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Central: {0}</source>
        <translation>本部: {0}</translation>
    </message>
    <message>
        <source>Pickup</source>
        <translation>店舗受け取り</translation>
    </message>
    <message>
        <source>Scan each item as it goes into the bag.</source>
        <translation>袋に入れる商品を1点ずつスキャンしてください。</translation>
    </message>
    <message>
        <source>Missing {0}</source>
        <translation>欠品 {0}</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>欠品</translation>
    </message>
    <message>
        <source>Not on the shelf: the units not scanned are missing</source>
        <translation>棚にない: スキャンしていない分を欠品にします</translation>
    </message>
    <message>
        <source>{0} collected</source>
        <translation>{0}点 集品済み</translation>
    </message>
    <message>
        <source>Open an order to pick first, then scan its items.</source>
        <translation>先にピッキングする注文を開き、商品をスキャンしてください。</translation>
    </message>
    <message>
        <source>✓ {name}: {got} of {qty}</source>
        <translation>✓ {name}: {got} / {qty}</translation>
    </message>
    <message>
        <source>Type the shelf or bin the bag goes to, then tap Ready.</source>
        <translation>袋を置く棚・ボックスを入力し、「準備完了」をタップしてください。</translation>
    </message>
    <message>
        <source>Order {0} is ready on shelf {1}: central e-mails the customer their pickup code.</source>
        <translation>注文 {0} は棚 {1} で準備完了です。本部からお客様に受け取りコードをメールします。</translation>
    </message>
    <message>
        <source>Order {0} saved on shelf {1}; finish picking later.</source>
        <translation>注文 {0} を棚 {1} で保存しました。ピッキングは後で続けてください。</translation>
    </message>
    <message>
        <source>Bag label for order {0} printed.</source>
        <translation>注文 {0} の袋ラベルを印刷しました。</translation>
    </message>
    <message>
        <source>The bag label for order {0} waits for the printer ({1}); it prints when the printer is back.</source>
        <translation>注文 {0} の袋ラベルはプリンター待ちです ({1})。プリンターが復旧すると印刷されます。</translation>
    </message>
    <message>
        <source>Order {0} is back on the shelf: central frees its stock.</source>
        <translation>注文 {0} を売場に戻しました。本部が在庫を解放します。</translation>
    </message>
    <message>
        <source>✓ Genuine pickup code for this store</source>
        <translation>✓ この店舗の正規の受け取りコード</translation>
    </message>
    <message>
        <source>, valid until {0}</source>
        <translation>(有効期限 {0})</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>お渡し</translation>
    </message>
    <message>
        <source>Pickup code refused</source>
        <translation>受け取りコードが無効です</translation>
    </message>
    <message>
        <source>‹ Queue — find by number and name</source>
        <translation>‹ 一覧 — 番号と氏名で検索</translation>
    </message>
    <message>
        <source>On shelf {0}</source>
        <translation>棚 {0}</translation>
    </message>
    <message>
        <source>Shelf not recorded</source>
        <translation>棚未登録</translation>
    </message>
    <message>
        <source>Pay on pickup: {0}. “Take payment” rings the items up on the sell screen; the bag is handed over when the sale is paid (cash, card or both).</source>
        <translation>受け取り時支払い: {0}。「会計」で商品を販売画面に登録し、支払い (現金・カード・併用) が済んだら袋をお渡しします。</translation>
    </message>
    <message>
        <source>Tap to keep this line back (the customer takes the rest)</source>
        <translation>タップでこの明細を保留 (残りをお渡し)</translation>
    </message>
    <message>
        <source>Missing (not in the bag): {0}</source>
        <translation>欠品 (袋に入っていない): {0}</translation>
    </message>
    <message>
        <source>Kept back: {0} × {1}</source>
        <translation>お渡ししない: {0} × {1}</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Take payment {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Handed over: order {0} to {1}.</source>
        <translation>お渡ししました: 注文 {0} を{1}様へ。</translation>
    </message>
    <message>
        <source>Paid and handed over: order {0} to {1} (receipt {2}).</source>
        <translation>支払い・お渡し完了: 注文 {0} を{1}様へ (レシート {2})。</translation>
    </message>
    <message>
        <source>Type the order number and the customer&apos;s name.</source>
        <translation>注文番号とお客様の氏名を入力してください。</translation>
    </message>
</context>
<context>
    <name>Pickups</name>
    <message>
        <source>Customer waiting for order {0} at the counter</source>
        <translation>ご注文 {0} のお客様がカウンターでお待ちです</translation>
    </message>
    <message>
        <source> (+{0} more)</source>
        <translation> (ほか {0} 件)</translation>
    </message>
</context>
<context>
    <name>PickupsButton</name>
    <message>
        <source>Pickups: click-and-collect orders to pick and hand over</source>
        <translation>店舗受け取り: ピッキングとお渡しを行う注文</translation>
    </message>
    <message>
        <source>Pickups {0}</source>
        <translation>受け取り {0}</translation>
    </message>
    <message>
        <source>Pickups</source>
        <translation>受け取り</translation>
    </message>
    <message>
        <source>Pickups: {0} waiting</source>
        <translation>店舗受け取り: {0}件 待機中</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>1文字削除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>ProblemsDialog</name>
    <message>
        <source>Sending to central</source>
        <translation>本部への送信</translation>
    </message>
    <message>
        <source>Problems talking to central</source>
        <translation>本部との通信の問題</translation>
    </message>
    <message>
        <source>Waiting to send, and rejected by central</source>
        <translation>送信待ち・本部で拒否</translation>
    </message>
    <message>
        <source>This device&apos;s data</source>
        <translation>この端末のデータ</translation>
    </message>
    <message>
        <source>Downloads the catalog, prices and stock again. What waits to be sent goes first; the data here stays usable until the new copy is complete.</source>
        <translation>商品マスタ、価格、在庫を再ダウンロードします。送信待ちのデータを先に送信します。新しいデータがそろうまで、現在のデータを引き続き使えます。</translation>
    </message>
    <message>
        <source>A manager approves.</source>
        <translation>店長の承認が必要です。</translation>
    </message>
    <message>
        <source>Download everything again</source>
        <translation>すべて再ダウンロード</translation>
    </message>
    <message>
        <source>Send selected again</source>
        <translation>選択項目を再送信</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>送信待ち</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Nothing waiting: everything was sent.</source>
        <translation>送信待ちはありません。すべて送信済みです。</translation>
    </message>
    <message>
        <source>Tap a rejected or stuck operation first.</source>
        <translation>先に拒否または停止した処理をタップしてください。</translation>
    </message>
    <message>
        <source>Downloading everything again needs a manager. Tap your name, then type your PIN.</source>
        <translation>すべての再ダウンロードには店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
</context>
<context>
    <name>ReasonRow</name>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Found more</source>
        <translation>多く見つかった</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Missing / theft</source>
        <translation>紛失・盗難</translation>
    </message>
    <message>
        <source>Count was wrong</source>
        <translation>数え間違い</translation>
    </message>
    <message>
        <source>Other (say why)</source>
        <translation>その他（理由を入力）</translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <source>{0} here</source>
        <translation>当店 {0}</translation>
    </message>
    <message>
        <source>not stocked</source>
        <translation>取扱なし</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>Resellable</source>
        <translation>再販可</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破損</translation>
    </message>
    <message>
        <source>Wrong item</source>
        <translation>別の商品</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>ストアクレジット</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>ギフトカード</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>返品</translation>
    </message>
    <message>
        <source>Scan the customer&apos;s return code or receipt, or type the receipt number, the card&apos;s last 4 digits (this till&apos;s card sales) or the customer&apos;s phone, e-mail or name.</source>
        <translation>お客様の返品コードかレシートをスキャンするか、レシート番号、カード番号の下4桁（このレジのカード売上）、またはお客様の電話番号・メール・名前を入力してください。</translation>
    </message>
    <message>
        <source>Receipt, last 4 digits, customer</source>
        <translation>レシート・下4桁・お客様</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>No receipt…</source>
        <translation>レシートなし…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>All resellable</source>
        <translation>すべて再販可</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>返金</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交換</translation>
    </message>
    <message>
        <source>The credit pays new items on the sell screen</source>
        <translation>返品額で新しい商品を販売画面で支払います</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>No card sale of this till ends in these digits.</source>
        <translation>このレジに、この下4桁のカード売上はありません。</translation>
    </message>
    <message>
        <source>No customer found: try their phone number or e-mail.</source>
        <translation>お客様が見つかりません。電話番号かメールで探してください。</translation>
    </message>
    <message>
        <source>No sales on this customer&apos;s account.</source>
        <translation>このお客様のアカウントには売上がありません。</translation>
    </message>
    <message>
        <source>Return {n}</source>
        <translation>返品 {n}</translation>
    </message>
    <message>
        <source>Receipt {n}</source>
        <translation>レシート {n}</translation>
    </message>
    <message>
        <source>receipt {r}</source>
        <translation>レシート {r}</translation>
    </message>
    <message>
        <source>checked offline</source>
        <translation>オフラインで確認</translation>
    </message>
    <message>
        <source>Tap the customer&apos;s reason.</source>
        <translation>お客様の返品理由をタップしてください。</translation>
    </message>
    <message>
        <source>Grade each line to see the refund.</source>
        <translation>各明細の状態を選ぶと返金額が表示されます。</translation>
    </message>
    <message>
        <source>Nothing is taken back: a wrong item is handed back to the customer.</source>
        <translation>返品なし: 誤った商品はお客様にお返しします。</translation>
    </message>
    <message>
        <source>Back as paid: {parts}</source>
        <translation>支払い方法どおり返金: {parts}</translation>
    </message>
    <message>
        <source>Refund {amount}</source>
        <translation>{amount}を返金</translation>
    </message>
    <message>
        <source>Refunding… (a card refund waits for the terminal)</source>
        <translation>返金中… (カード返金は端末の応答待ち)</translation>
    </message>
    <message>
        <source>The card refund is queued: tell the customer it reaches their card once the terminal takes it.</source>
        <translation>カード返金は処理待ちです。端末が受け付け次第カードに返金されるとお客様にお伝えください。</translation>
    </message>
    <message>
        <source>{n} back on the shelf</source>
        <translation>{n}点を棚に戻す</translation>
    </message>
    <message>
        <source>{n} to quarantine</source>
        <translation>{n}点を隔離保管</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Associate</source>
        <translation>スタッフ</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>責任者</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>店長</translation>
    </message>
</context>
<context>
    <name>SellView</name>
    <message>
        <source>Card — no card terminal set up on this till</source>
        <translation>カード — カード端末なし</translation>
    </message>
    <message>
        <source>‹ Look up</source>
        <translation>‹ 商品検索</translation>
    </message>
    <message>
        <source>Scan, or search to add</source>
        <translation>スキャン/検索</translation>
    </message>
    <message>
        <source>Scan an item, or search for it.</source>
        <translation>商品をスキャンするか、検索してください。</translation>
    </message>
    <message>
        <source>Basket</source>
        <translation>カート</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Put this basket aside and start another</source>
        <translation>この会計を保留して新しい会計を始める</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>値引き</translation>
    </message>
    <message>
        <source>A discount on the whole basket</source>
        <translation>会計全体の値引き</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Cancel exchange</source>
        <translation>交換をやめる</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>The basket is empty. Scan an item to start a sale.</source>
        <translation>カートは空です。商品をスキャンして会計を始めてください。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>会計</translation>
    </message>
    <message>
        <source>Pay (F12)</source>
        <translation>支払い (F12)</translation>
    </message>
    <message>
        <source>‹</source>
        <translation>‹</translation>
    </message>
    <message>
        <source>Finish this payment first, or go back to the basket to add items.</source>
        <translation>先にこの支払いを完了するか、カートに戻って商品を追加してください。</translation>
    </message>
    <message>
        <source>Complete exchange</source>
        <translation>交換を完了</translation>
    </message>
    <message>
        <source>Basket · 1 item</source>
        <translation>カート · 1点</translation>
    </message>
    <message>
        <source>Basket · {0} items</source>
        <translation>カート · {0}点</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1点</translation>
    </message>
    <message>
        <source>{0} items</source>
        <translation>{0}点</translation>
    </message>
    <message>
        <source>saved {0}</source>
        <translation>{0} お得</translation>
    </message>
    <message>
        <source>incl. tax {0}</source>
        <translation>内税 {0}</translation>
    </message>
    <message>
        <source>tax {0}</source>
        <translation>税 {0}</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小計</translation>
    </message>
    <message>
        <source>incl. tax</source>
        <translation>内税</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>税</translation>
    </message>
    <message>
        <source>Pay {0}</source>
        <translation>会計 {0}</translation>
    </message>
    <message>
        <source>Removed: {0}</source>
        <translation>削除しました: {0}</translation>
    </message>
    <message>
        <source>Delivery: tap to choose the customer, address and option</source>
        <translation>配送: タップしてお客様・住所・配送方法を選択</translation>
    </message>
    <message>
        <source>Sent to {where} for pickup
{option} · {days} · fee {fee}</source>
        <translation>{where}へ送付・店舗受け取り
{option} · {days} · 送料 {fee}</translation>
    </message>
    <message>
        <source>Delivered to the customer: {where}
{option} · {days} · fee {fee}</source>
        <translation>お客様へ配送: {where}
{option} · {days} · 送料 {fee}</translation>
    </message>
    <message>
        <source>Recent items — tap to add one more</source>
        <translation>最近の商品 — タップで1点追加</translation>
    </message>
    <message>
        <source>Tap an item, then its colour and size</source>
        <translation>商品をタップし、色とサイズを選択</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>一致する商品はありません。</translation>
    </message>
    <message>
        <source>Parked ({0}). Tap “Parked” to bring it back.</source>
        <translation>保留しました ({0})。「保留中」をタップすると呼び出せます。</translation>
    </message>
    <message>
        <source>Choose the customer and the delivery first.</source>
        <translation>先にお客様と配送を選択してください。</translation>
    </message>
    <message>
        <source>Exchange for {number}: {credit} of credit waiting. Scan the new items, then Pay.</source>
        <translation>{number} の交換：{credit} の返品額があります。新しい商品をスキャンして「会計」へ。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Last sale: receipt {no} · {total} · change {change}</source>
        <translation>前回の会計: レシート {no} · {total} · お釣り {change}</translation>
    </message>
    <message>
        <source>Card unavailable: {0}</source>
        <translation>カード利用不可: {0}</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>印刷しました。</translation>
    </message>
    <message>
        <source>Central e-mails the receipt to {0}.</source>
        <translation>本部から{0}へレシートをメールします。</translation>
    </message>
    <message>
        <source>Central refused {0}: check the address.</source>
        <translation>本部が{0}を受け付けませんでした。アドレスを確認してください。</translation>
    </message>
    <message>
        <source>Queued for {0}: it goes as soon as the till is online.</source>
        <translation>{0}宛てに送信待ちです。レジがオンラインになり次第送信します。</translation>
    </message>
</context>
<context>
    <name>SettingsSheet</name>
    <message>
        <source>The printer and the card terminal decide how this till takes money, so a supervisor or a manager opens these settings. Tap your name, then type your PIN.</source>
        <translation>プリンターとカード端末はこのレジの代金の受け取りに関わるため、この設定は責任者または店長が開きます。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Settings of this till</source>
        <translation>このレジの設定</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>レシートプリンター</translation>
    </message>
    <message>
        <source>tcp://192.168.1.30:9100</source>
        <translation>tcp://192.168.1.30:9100</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>プリンターのアドレス</translation>
    </message>
    <message>
        <source>Leave it empty if this till prints no receipts (they are still kept and can be e-mailed).</source>
        <translation>このレジでレシートを印刷しない場合は空欄にします (レシートは保存され、メール送信できます)。</translation>
    </message>
    <message>
        <source>48 columns</source>
        <translation>48桁</translation>
    </message>
    <message>
        <source>42 columns</source>
        <translation>42桁</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>用紙幅</translation>
    </message>
    <message>
        <source>Most 80 mm printers print 48 columns; if the test page&apos;s ruler wraps, choose 42.</source>
        <translation>80 mmプリンターの多くは48桁です。テストページの目盛りが折り返す場合は42を選んでください。</translation>
    </message>
    <message>
        <source>Save printer</source>
        <translation>プリンターを保存</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>テスト印刷</translation>
    </message>
    <message>
        <source>Card terminal</source>
        <translation>カード端末</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>シミュレーション</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>Which terminal</source>
        <translation>端末の種類</translation>
    </message>
    <message>
        <source>https://192.168.1.20:8443/nexo/</source>
        <translation>https://192.168.1.20:8443/nexo/</translation>
    </message>
    <message>
        <source>Terminal address</source>
        <translation>端末のアドレス</translation>
    </message>
    <message>
        <source>V400m-123456789</source>
        <translation>V400m-123456789</translation>
    </message>
    <message>
        <source>POIID (the terminal&apos;s id, on its screen)</source>
        <translation>POIID (端末の画面に表示されるID)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>e.g. AisleKey</source>
        <translation>例: AisleKey</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>キーID</translation>
    </message>
    <message>
        <source>Key version</source>
        <translation>キーバージョン</translation>
    </message>
    <message>
        <source>/etc/aisle/terminal-ca.pem</source>
        <translation>/etc/aisle/terminal-ca.pem</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CAファイル</translation>
    </message>
    <message>
        <source>The file the terminal&apos;s certificate is checked against (from the payment provider).</source>
        <translation>端末の証明書を検証するファイルです (決済事業者から提供)。</translation>
    </message>
    <message>
        <source>The terminal may approve cards offline</source>
        <translation>オフライン時のカード承認を許可</translation>
    </message>
    <message>
        <source>Save terminal</source>
        <translation>端末を保存</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Opened with {name}&apos;s approval; each change is recorded with both your names.</source>
        <translation>{name}の承認で開きました。変更はすべて両名の名前で記録されます。</translation>
    </message>
    <message>
        <source>Central sets how much for this store: at most {0} a sale and {1} until the end of day.</source>
        <translation>この店舗の上限は本部が設定します: 1会計あたり最大{0}、1日の合計で{1}まで。</translation>
    </message>
    <message>
        <source>Central allows this store no card payments while the terminal is offline.</source>
        <translation>本部の設定により、この店舗では端末がオフラインの間はカード決済できません。</translation>
    </message>
    <message>
        <source>Kept: type a new one to change it</source>
        <translation>保存済み: 変更するには新しく入力</translation>
    </message>
    <message>
        <source>As set on the terminal</source>
        <translation>端末の設定どおり</translation>
    </message>
    <message>
        <source>It is kept in this computer&apos;s keyring and never shown.</source>
        <translation>このコンピューターのキーリングに保存され、表示されることはありません。</translation>
    </message>
    <message>
        <source>Without a terminal this till takes cash only.</source>
        <translation>端末がない場合、このレジは現金のみになります。</translation>
    </message>
    <message>
        <source>A pretend terminal inside this app, for training: no money moves.</source>
        <translation>研修用のアプリ内の仮想端末です。実際の決済は行われません。</translation>
    </message>
    <message>
        <source>A terminal on the shop&apos;s network, spoken to over HTTPS.</source>
        <translation>店舗ネットワーク上の端末とHTTPSで通信します。</translation>
    </message>
    <message>
        <source>Saved: receipts print on {0}.</source>
        <translation>保存しました: レシートは{0}で印刷されます。</translation>
    </message>
    <message>
        <source>Saved: this till prints no receipts.</source>
        <translation>保存しました: このレジではレシートを印刷しません。</translation>
    </message>
    <message>
        <source>The key version is a number from 1.</source>
        <translation>キーバージョンは1以上の数字です。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Opening…</source>
        <translation>起動しています…</translation>
    </message>
    <message>
        <source>Sign in first, then scan.</source>
        <translation>先にサインインしてからスキャンしてください。</translation>
    </message>
    <message>
        <source>This pickup kiosk is not set up yet. Staff: enrol it with “pos-app enroll”, then start it again.</source>
        <translation>この受け取り端末はまだ設定されていません。スタッフの方へ:「pos-app enroll」で登録し、再起動してください。</translation>
    </message>
    <message>
        <source>Local data was repaired</source>
        <translation>端末内のデータを修復しました</translation>
    </message>
</context>
<context>
    <name>ShiftSheet</name>
    <message>
        <source>Shift</source>
        <translation>シフト</translation>
    </message>
    <message>
        <source>Count the float in the drawer: how many of each note and coin.</source>
        <translation>ドロアの釣銭準備金を数えて、金種ごとの枚数を入力してください。</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>シフト開始</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>入金</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>出金</translation>
    </message>
    <message>
        <source>Safe drop</source>
        <translation>中間回収</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>ドロア開放</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>点検 (X)</translation>
    </message>
    <message>
        <source>Count drawer</source>
        <translation>現金カウント</translation>
    </message>
    <message>
        <source>Join this shift</source>
        <translation>このシフトに参加</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>Note (needed for “Other”)</source>
        <translation>メモ (「その他」の場合は必須)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Count the drawer: how many of each note and coin. What is expected shows after you save.</source>
        <translation>ドロアを数えて、金種ごとの枚数を入力してください。理論在高は保存後に表示されます。</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>枚数を保存</translation>
    </message>
    <message>
        <source>The count is beyond the limit: choose a reason, then a manager approves.</source>
        <translation>過不足が許容範囲を超えています。理由を選択し、店長の承認を受けてください。</translation>
    </message>
    <message>
        <source>Why close with operations unsent (for the manager)</source>
        <translation>未送信の処理があるまま締める理由 (店長向け)</translation>
    </message>
    <message>
        <source>A manager approves: tap your name, then type your PIN.</source>
        <translation>店長の承認が必要です。名前をタップし、暗証番号を入力してください。</translation>
    </message>
    <message>
        <source>Manager&apos;s PIN</source>
        <translation>店長の暗証番号</translation>
    </message>
    <message>
        <source>Count again</source>
        <translation>数え直す</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>レジ締め</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>◀ Day before</source>
        <translation>◀ 前日</translation>
    </message>
    <message>
        <source>Day after ▶</source>
        <translation>翌日 ▶</translation>
    </message>
    <message>
        <source>Day figures</source>
        <translation>日計</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Till %s: no open shift</source>
        <translation>レジ %s: シフト未開始</translation>
    </message>
    <message>
        <source>Open the shift with the float that is in the drawer.</source>
        <translation>ドロア内の釣銭準備金でシフトを開始してください。</translation>
    </message>
    <message>
        <source>Till %s: shift open</source>
        <translation>レジ %s: シフト中</translation>
    </message>
    <message>
        <source>Opened %s with a float of %s; %d on this shift.</source>
        <translation>%s 開始、釣銭準備金 %s、スタッフ %d 名。</translation>
    </message>
    <message>
        <source>Paid in: money put into the drawer</source>
        <translation>入金: ドロアにお金を入れる</translation>
    </message>
    <message>
        <source>Paid out: money taken from the drawer</source>
        <translation>出金: ドロアからお金を出す</translation>
    </message>
    <message>
        <source>Safe drop: cash taken to the safe</source>
        <translation>中間回収: 現金を金庫へ移す</translation>
    </message>
    <message>
        <source>No sale: open the drawer without a sale</source>
        <translation>ドロア開放: 会計なしでドロアを開ける</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>ドロアを開ける</translation>
    </message>
    <message>
        <source>Till %s: shift closed, Z report %d</source>
        <translation>レジ %s: シフト終了、精算レポート (Z) %d</translation>
    </message>
    <message>
        <source>Print it for the safe, or find it later under its number.</source>
        <translation>金庫保管用に印刷するか、後でこの番号で検索してください。</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>印刷しました。</translation>
    </message>
    <message>
        <source>No printer answered; the report is kept on this till.</source>
        <translation>プリンターが応答しません。レポートはこのレジに保存されています。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>1 sale</source>
        <translation>1件</translation>
    </message>
    <message>
        <source>%d sales</source>
        <translation>%d件</translation>
    </message>
    <message>
        <source>%s on till %s: %s, %s</source>
        <translation>%s · レジ %s: %s、%s</translation>
    </message>
    <message>
        <source>Counted %s, expected %s: %s%s</source>
        <translation>実在高 %s、理論在高 %s: 過不足 %s%s</translation>
    </message>
</context>
<context>
    <name>SignInView</name>
    <message>
        <source>Who is signing in?</source>
        <translation>サインインするスタッフ</translation>
    </message>
    <message>
        <source>Tap your name</source>
        <translation>名前をタップ</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>暗証番号</translation>
    </message>
    <message>
        <source>No staff for this store on this device yet. Connect to the network and wait for the first sync.</source>
        <translation>この端末にはまだこの店舗のスタッフが登録されていません。ネットワークに接続し、最初の同期をお待ちください。</translation>
    </message>
    <message>
        <source>Tap your name first.</source>
        <translation>先に名前をタップしてください。</translation>
    </message>
    <message>
        <source>You can try your PIN again.</source>
        <translation>暗証番号をもう一度入力できます。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {0}.</source>
        <translation>暗証番号の誤りが多すぎます。{0}後にもう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>● Connecting to central…</source>
        <translation>● 本部に接続中…</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● オンライン</translation>
    </message>
    <message>
        <source> — live updates</source>
        <translation> — リアルタイム更新</translation>
    </message>
    <message>
        <source> · last sync {0}</source>
        <translation> · 最終同期 {0}</translation>
    </message>
    <message>
        <source>○ Offline — working from data as of {0}</source>
        <translation>○ オフライン — {0}時点のデータで動作中</translation>
    </message>
    <message>
        <source>{0} waiting to send</source>
        <translation>送信待ち {0}件</translation>
    </message>
    <message>
        <source>All sent</source>
        <translation>すべて送信済み</translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>問題 1 件</translation>
    </message>
    <message>
        <source>{0} problems</source>
        <translation>問題 {0}件</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>問題なし</translation>
    </message>
</context>
<context>
    <name>StoredValuePanel</name>
    <message>
        <source>Gift card or store credit</source>
        <translation>ギフトカード・ストアクレジット</translation>
    </message>
    <message>
        <source>Gift card number (GC…) or scan it</source>
        <translation>番号 (GC…) かスキャン</translation>
    </message>
    <message>
        <source>Use card</source>
        <translation>カードを使う</translation>
    </message>
    <message>
        <source>Store credit {0} of {1}</source>
        <translation>ストアクレジット {0} (残高 {1})</translation>
    </message>
    <message>
        <source>Offline: store credit and gift cards up to what this till last saw and today&apos;s offline limit; central checks them when it is back.</source>
        <translation>オフライン: ストアクレジットとギフトカードは、このレジの最終確認残高と本日のオフライン上限まで使えます。復旧後に本部が確認します。</translation>
    </message>
    <message>
        <source>Type or scan the gift card&apos;s number first.</source>
        <translation>先にギフトカード番号を入力またはスキャンしてください。</translation>
    </message>
</context>
<context>
    <name>TenderSheet</name>
    <message>
        <source>Cash — tap what you are handed</source>
        <translation>現金 — お預かりした金種をタップ</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>Cancel card payment</source>
        <translation>カード決済を取消</translation>
    </message>
    <message>
        <source>Approval code the terminal shows</source>
        <translation>端末に表示された承認番号</translation>
    </message>
    <message>
        <source>It shows approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <source>Nothing charged</source>
        <translation>決済なし</translation>
    </message>
    <message>
        <source>Other amount</source>
        <translation>その他の金額</translation>
    </message>
    <message>
        <source>Take cash</source>
        <translation>お預かり</translation>
    </message>
    <message>
        <source>Gift receipt</source>
        <translation>ギフトレシート</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>再印刷</translation>
    </message>
    <message>
        <source>E-mail receipt</source>
        <translation>レシートをメール</translation>
    </message>
    <message>
        <source>The customer&apos;s e-mail address</source>
        <translation>お客様のメールアドレス</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Back to the basket</source>
        <translation>カートに戻る</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>次の会計</translation>
    </message>
    <message>
        <source>Attach the customer first: store credit is theirs.</source>
        <translation>先にお客様を登録してください。ストアクレジットはお客様のものです。</translation>
    </message>
    <message>
        <source>Taken offline: {0}. Central checks it when it is back; what is short goes to head office.</source>
        <translation>オフラインで受領: {0}。復旧後に本部が確認し、不足分は本部の扱いとなります。</translation>
    </message>
    <message>
        <source>Customer is paying on the terminal…</source>
        <translation>お客様が端末で支払い中です…</translation>
    </message>
    <message>
        <source>Cancelling on the terminal… its answer decides.</source>
        <translation>端末で取消中です… 端末の応答で結果が決まります。</translation>
    </message>
    <message>
        <source>Card paid {0}; {1} still due.</source>
        <translation>カードで{0}お支払い済み。残り{1}です。</translation>
    </message>
    <message>
        <source>The terminal cannot say how this payment ended. Look at the terminal and record what it shows.</source>
        <translation>端末からこの支払いの結果を取得できません。端末の表示を確認し、その内容を記録してください。</translation>
    </message>
    <message>
        <source>Card payment cancelled.</source>
        <translation>カード決済を取り消しました。</translation>
    </message>
    <message>
        <source>The card was declined — ask for another card or take cash.</source>
        <translation>カードが承認されませんでした — 別のカードか現金でお願いしてください。</translation>
    </message>
    <message>
        <source>Giving the card payment back on the terminal…</source>
        <translation>端末でカード決済を返金しています…</translation>
    </message>
    <message>
        <source>Given back {0} to the card ending {1}.</source>
        <translation>末尾{1}のカードに{0}を返金しました。</translation>
    </message>
    <message>
        <source>The terminal has not said the money went back: look at the terminal, then try again.</source>
        <translation>端末から返金完了の応答がありません。端末を確認してから再試行してください。</translation>
    </message>
    <message>
        <source>Card {0}</source>
        <translation>カード {0}</translation>
    </message>
    <message>
        <source>Give back {0} ({1} {2})</source>
        <translation>{0}を返金 ({1} {2})</translation>
    </message>
    <message>
        <source>Still due {0}</source>
        <translation>残り {0}</translation>
    </message>
    <message>
        <source>Card taken: {0} (kept with the basket; clearing the basket gives it back)</source>
        <translation>カード決済済み: {0} (カートに保持。カートを空にすると返金されます)</translation>
    </message>
    <message>
        <source>Taken: {0} (“Start again” to change it)</source>
        <translation>お預かり: {0} (変更は「やり直す」)</translation>
    </message>
    <message>
        <source>Taken: {0}</source>
        <translation>お預かり: {0}</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>To pay {0}</source>
        <translation>お支払い {0}</translation>
    </message>
    <message>
        <source>{0} exact</source>
        <translation>{0} ちょうど</translation>
    </message>
    <message>
        <source>exchange credit</source>
        <translation>交換充当</translation>
    </message>
    <message>
        <source>gift card</source>
        <translation>ギフトカード</translation>
    </message>
    <message>
        <source>store credit</source>
        <translation>ストアクレジット</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>現金</translation>
    </message>
    <message>
        <source>Type the amount handed over, like 5000 or 20.50.</source>
        <translation>お預かり金額を入力してください (例: 5000、20.50)。</translation>
    </message>
    <message>
        <source>The receipt could not be kept ({0}); the sale is complete.</source>
        <translation>レシートを保存できませんでした ({0})。会計は完了しています。</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>レシートを印刷しました。</translation>
    </message>
    <message>
        <source> Drawer open.</source>
        <translation> ドロアが開いています。</translation>
    </message>
    <message>
        <source>No receipt printer on this till: e-mail the receipt, or print it later.</source>
        <translation>このレジにはレシートプリンターがありません。レシートをメールするか、後で印刷してください。</translation>
    </message>
    <message>
        <source>the printer is off or unreachable</source>
        <translation>プリンターの電源が切れているか、接続できません</translation>
    </message>
    <message>
        <source>the printer is out of paper</source>
        <translation>プリンターの用紙切れです</translation>
    </message>
    <message>
        <source>the printer&apos;s cover is open</source>
        <translation>プリンターのカバーが開いています</translation>
    </message>
    <message>
        <source>the printer did not take it</source>
        <translation>プリンターが受け付けませんでした</translation>
    </message>
    <message>
        <source>The receipt waits: {0}. It prints by itself when the printer is back.</source>
        <translation>レシートは印刷待ちです: {0}。プリンターが復旧すると自動で印刷されます。</translation>
    </message>
    <message>
        <source>Exchange: {credit} credit; {back} back to the customer.</source>
        <translation>交換：返品額 {credit}、お客様へ {back} を返金。</translation>
    </message>
    <message>
        <source>Exchange: {credit} credit used.</source>
        <translation>交換：返品額 {credit} を充当しました。</translation>
    </message>
    <message>
        <source>The card refund is queued: tell the customer it reaches their card once the terminal takes it.</source>
        <translation>カード返金は保留中です。端末が受け付け次第カードに返金されることをお客様にお伝えください。</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>現金で</translation>
    </message>
    <message>
        <source>to the card</source>
        <translation>カードへ</translation>
    </message>
    <message>
        <source>as store credit</source>
        <translation>ストアクレジットで</translation>
    </message>
    <message>
        <source>Paid {0} — thank you</source>
        <translation>お支払い {0} — ありがとうございました</translation>
    </message>
    <message>
        <source>Change {0}</source>
        <translation>お釣り {0}</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>お釣りなし</translation>
    </message>
    <message>
        <source>Receipt {0}</source>
        <translation>レシート {0}</translation>
    </message>
</context>
<context>
    <name>VariantSheet</name>
    <message>
        <source>Tap the colour and size to add</source>
        <translation>色とサイズをタップして追加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>hhmm</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Sorry, something went wrong (reference {0}).</source>
        <translation>申し訳ありません、エラーが発生しました (参照番号 {0})。</translation>
    </message>
</context>
</TS>
