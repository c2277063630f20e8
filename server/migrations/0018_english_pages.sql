-- English pages (/en/…): the council's introduction, functions and powers, leadership, bodies
-- and contact, for foreign visitors. They are pages like the others (edited in place, with
-- revisions), marked `lang = 'en'`; the Vietnamese tree, menu, site map and search keep to
-- `lang = 'vi'`. Every database gets the five pages, as demo content for editors to replace.
ALTER TABLE pages ADD COLUMN lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en'));

INSERT INTO pages (slug, title, description, body_html, position, is_demo, updated_at, lang)
SELECT 'introduction', 'The People''s Council of Binh Duong Province',
 'An introduction to the People''s Council of Binh Duong Province, Viet Nam: what it is, how it is elected and how it works.',
 '<p>The People''s Council of Binh Duong Province (Hội đồng nhân dân tỉnh Bình Dương) is the local body of state power in the province. It represents the will, aspirations and mastery of the people of Binh Duong, is elected by them, and is accountable to them and to the state bodies above it.</p><p>The 10th People''s Council, for the 2021–2026 term, was elected on 23 May 2021. It meets in regular sittings, at least twice a year, and in special sittings when needed. Its sittings are public, and citizens may follow them and send their opinions through their delegates.</p><p>Between sittings, the council works through its Standing Committee, its three committees and the groups of delegates elected in each constituency. The Office of the National Assembly Delegation and the People''s Council of the province supports its work.</p><p>This portal publishes the council''s news, resolutions, supervision reports, the questions and petitions of voters with their answers, and the working calendars. Most of it is in Vietnamese; these pages introduce the council in English.</p>',
 1, 1, CAST(strftime('%s', 'now') AS INTEGER), 'en'
WHERE NOT EXISTS (SELECT 1 FROM pages WHERE slug = 'introduction');

INSERT INTO pages (slug, title, description, body_html, position, is_demo, updated_at, lang)
SELECT 'functions-and-powers', 'Functions and powers',
 'What the People''s Council of Binh Duong Province decides and supervises under the Law on the Organisation of Local Government.',
 '<p>Under the Constitution and the Law on the Organisation of Local Government, the provincial People''s Council:</p><ul><li>decides the province''s socio-economic development plans, its budget estimates and the allocation of the provincial budget, and approves the final accounts;</li><li>adopts resolutions on local policies and measures to implement the Constitution and the law, including legal normative resolutions that apply in the province;</li><li>elects, relieves and dismisses the Chairperson and Vice-Chairpersons of the People''s Council and of the People''s Committee, and holds votes of confidence on those it elects;</li><li>supervises the observance of the Constitution and the law in the province and the implementation of its own resolutions, by examining reports, holding question-and-answer sessions and sending supervision teams;</li><li>receives the petitions of voters and follows the answers of the responsible agencies.</li></ul><p>The resolutions of the council, with their validity and the documents they amend or replace, are published on this portal (in Vietnamese) and as open data.</p>',
 2, 1, CAST(strftime('%s', 'now') AS INTEGER), 'en'
WHERE NOT EXISTS (SELECT 1 FROM pages WHERE slug = 'functions-and-powers');

INSERT INTO pages (slug, title, description, body_html, position, is_demo, updated_at, lang)
SELECT 'leadership', 'Leadership',
 'The Standing Committee of the People''s Council of Binh Duong Province: its role and members.',
 '<p>The Standing Committee is the permanent body of the People''s Council. It convenes and prepares the sittings, coordinates the work of the committees and the groups of delegates, organises the reception of citizens and the meetings of delegates with voters, and reports on its work to the council.</p><p>The Standing Committee consists of the Chairperson of the People''s Council, the Vice-Chairpersons and the heads of the council''s committees. The list of its members, with their positions, is on the Vietnamese page of the Standing Committee.</p>',
 3, 1, CAST(strftime('%s', 'now') AS INTEGER), 'en'
WHERE NOT EXISTS (SELECT 1 FROM pages WHERE slug = 'leadership');

INSERT INTO pages (slug, title, description, body_html, position, is_demo, updated_at, lang)
SELECT 'bodies', 'Committees and delegate groups',
 'The committees of the People''s Council of Binh Duong Province and its groups of delegates.',
 '<p>The council has three committees. Each examines the draft resolutions, reports and projects of its field before a sitting, and supervises the work of the state agencies in that field:</p><ul><li><strong>Economy and Budget Committee</strong> (Ban Kinh tế - Ngân sách): development plans, investment, finance and the budget;</li><li><strong>Culture and Social Affairs Committee</strong> (Ban Văn hóa - Xã hội): education, health, culture, labour and social policies;</li><li><strong>Legal Affairs Committee</strong> (Ban Pháp chế): public order and security, justice, administrative reform and the handling of complaints.</li></ul><p>The delegates are organised in groups by constituency: the cities of Thu Dau Mot, Di An, Thuan An, Ben Cat and Tan Uyen, and the districts of Dau Tieng and Bau Bang, and Phu Giao and Bac Tan Uyen. Each group meets voters before and after every sitting and brings their petitions to the council.</p><p>The National Assembly Delegation of the province shares the council''s office and publishes its own calendar on this portal.</p>',
 4, 1, CAST(strftime('%s', 'now') AS INTEGER), 'en'
WHERE NOT EXISTS (SELECT 1 FROM pages WHERE slug = 'bodies');

INSERT INTO pages (slug, title, description, body_html, position, is_demo, updated_at, lang)
SELECT 'contact', 'Contact',
 'How to contact the Office of the National Assembly Delegation and the People''s Council of Binh Duong Province.',
 '<p><strong>Office of the National Assembly Delegation and the People''s Council of Binh Duong Province</strong></p><ul><li><strong>Address:</strong> Floors 15 and 20, Tower B, Provincial Administrative Centre, Le Loi Street, Hoa Phu Ward, Thu Dau Mot City, Binh Duong Province, Viet Nam</li><li><strong>Telephone:</strong> +84 274 3848936</li><li><strong>Email:</strong> banbientap.hdnd@binhduong.gov.vn</li></ul><p>Letters and questions may be written in English; the office answers in Vietnamese or in English. Citizens may also send questions through the form on the Vietnamese page “Góp ý - Hỏi đáp”.</p>',
 5, 1, CAST(strftime('%s', 'now') AS INTEGER), 'en'
WHERE NOT EXISTS (SELECT 1 FROM pages WHERE slug = 'contact');
