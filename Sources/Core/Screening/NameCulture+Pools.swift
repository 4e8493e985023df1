/// The naming traditions of the synthetic corpus. Common names come from public frequency
/// lists of each tradition; tail surnames are stem + ending (`Hassan` + `zadeh`).
extension NameCulture {
    static let english = NameCulture(
        given: """
        James John Robert Michael William David Richard Thomas Charles Daniel Matthew Anthony Mark Paul Steven Andrew
        Joshua Kevin Brian George Edward Oliver Harry Jack Jacob Noah Charlie Liam Connor Callum Rhys Owen Gareth Ian
        Stuart Graham Neil Alan Colin Keith Dylan Ethan Lewis Finlay Declan Ciaran Sean Patrick
        """,
        women: """
        Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Emma Olivia Amelia Isla Sophie Charlotte Emily
        Grace Chloe Hannah Megan Lucy Niamh Siobhan Aoife Fiona Catherine Margaret Eleanor Rebecca Rachel Laura Helen
        Joanne Claire Gemma Kirsty Louise Bethan Ffion Orla Rosie Freya Poppy Evie
        """,
        surnames: """
        Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker White
        Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee
        King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell
        Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Marshall Anderson Simpson Ellis
        Adams Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Hunt Campbell Matthews Owen Palmer Holmes Mills
        Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Fletcher Walsh
        Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole
        Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong
        Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods
        Parsons Berry Stone Reid Holland Hawkins Harding Porter Robertson Newton Reed Kennedy Williamson Bird Gardner
        Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman
        Warren Nicholls Hamilton Byrne Sutton McDonald Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman
        Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace
        Jordan Hutchinson Rowe Burke Pritchard Gilbert Willis Higgins Read Miles Stevenson Hammond Arnold Buckley Walters
        Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Lynch Goodwin Barton
        Woodward Thomson Cunningham Quinn Barnett Baxter Clayton Nash Greenwood Jennings Holt Kemp Poole Gallagher Bond
        Stokes Tucker Davidson Fowler Heath Norman Middleton Lawson Banks French Stanley Jarvis Gibbs Ferguson Hayward
        Carroll Douglas Dickinson Todd Barlow Peters Lucas Knowles Hartley Simmons Morton Field Morrison Norris Townsend
        Preston Hancock Thornton Baldwin Burrows Briggs Storey Pugh Jacobs Farrell Hope MacLeod Fraser Mackenzie
        """,
        stems: "Ash Black Brad Brom Cald Crom Dun Elm Fair Gold Green Hal Hart Hol Kings Lang Lin Mar Mid New Nor Pem Ray Red Rush Sal Shel Stan Stock Thorn War Wel West Whit Wood Brack Cran Hather",
        endings: "ford ley ton field worth by wood well more ham stead bridge wick combe hurst dale")

    static let southAsian = NameCulture(
        given: """
        Aarav Aditya Amit Anil Arjun Ashok Deepak Faisal Gaurav Harpreet Imran Irfan Jaspreet Karan Kiran Manoj Mohammed
        Nadeem Naveen Nikhil Omar Pradeep Rahul Rajesh Ravi Rohan Sachin Sanjay Shahid Sunil Tariq Vijay Vikram Zubair
        Abdul Asif Rakesh Suresh Ramesh Mahesh Dinesh Hitesh Kamal Mukesh Sandeep Vivek Ajay
        """,
        women: """
        Aisha Amrita Anjali Asha Deepa Fatima Gurpreet Kavita Lakshmi Meera Nazia Neha Nisha Pooja Priya Rani Ruksana
        Sabrina Shabnam Sunita Tahira Yasmin Zara Shazia Farah Rekha Geeta Divya Shreya Ayesha Hina Sana
        """,
        surnames: """
        Patel Shah Singh Kaur Khan Ahmed Hussain Ali Begum Akhtar Iqbal Chowdhury Rahman Uddin Islam Mahmood Qureshi Malik
        Sharma Gupta Kumar Verma Mehta Joshi Desai Reddy Nair Iyer Menon Rao Pillai Chopra Kapoor Bhatt Chauhan Gill
        Sandhu Dhillon Sidhu Grewal Bains Mistry Parmar Solanki Thakkar Chaudhry Siddiqui Bhatti Butt Mirza Anwar Aslam
        Hashmi Bose Das Ghosh Mukherjee Banerjee Chatterjee Sen Dutta Saxena Agarwal Jain Bansal Mittal Arora Khanna
        Malhotra Miah Hossain Sarkar Talukdar Raza Javed Shaikh Ansari Pathan Yadav Tiwari Mishra Pandey Dubey
        """,
        stems: "Bal Chand Dev Hari Jay Kam Mohan Prem Raj Ram Shiv Som Sur Ved Vish Gan Jag Kul Nand Lal Moti Ratan",
        endings: "nath kar dasani wala pal ani ia deo")

    static let arabic = NameCulture(
        given: """
        Mohammed Muhammad Ahmed Ali Omar Umar Hassan Hussein Ibrahim Khalid Abdullah Abdulrahman Youssef Yusuf Mustafa
        Mahmoud Tariq Karim Samir Nabil Walid Faisal Hamza Bilal Saeed Rashid Jamal Nasser Majid Fahad Sultan Adel Ziad
        Tarek Abdelaziz Abdulkarim Salman Marwan Osama Anas Hisham Imad Jihad Mazen Munir Qais Riyad Sami Talal Yasser
        """,
        women: """
        Fatima Aisha Mariam Khadija Layla Noor Huda Amina Salma Rania Dina Yasmin Zainab Hana Leila Sara Nadia Samira
        Asma Ghada Hiba Iman Lubna Maha Nawal Reem Suha Widad
        """,
        surnames: """
        Al-Rashid Al-Hashimi Al-Masri Al-Amin Haddad Khoury Nasser Saleh Hamdan Abbas Aziz Mansour Qasim Barakat Darwish
        Farouk Hakim Jaber Kassem Mahfouz Najjar Rahman Sabbagh Shami Tahir Yousef Zaidi Awad Bakr Obeid Harb Issa Khalil
        Mustafa Othman Salem Sultan Taha Yassin Al-Zahrani Al-Ghamdi Al-Otaibi Al-Qahtani Al-Dosari Al-Shehri Al-Mutairi
        Al-Harbi Al-Tamimi Al-Shammari Al-Jabouri Al-Douri Al-Tikriti Al-Baghdadi Al-Sudani Hamid Ismail Suleiman Qureshi
        Al-Sayed El-Sayed Abdel-Rahman Abu-Zaid Al-Ahmad Al-Kuwari Al-Thani Al-Nuaimi Al-Mansoori Bin-Laden Al-Maktoum
        """,
        stems: "Al-Ahmad Al-Bakr Al-Basr Al-Dulaym Al-Fadl Al-Ghazal Al-Hamad Al-Jabr Al-Jazair Al-Karb Al-Khal Al-Mahd Al-Malik Al-Najd Al-Rif Al-Sab Al-Sham Al-Sulaym Al-Tal Al-Ubayd Al-Yaman Al-Zub Al-Anbar Al-Hadr Al-Qur Al-Kab",
        endings: "i awi ani ji",
        middle: .lineage)

    static let russian = NameCulture(
        given: """
        Aleksandr Sergei Dmitri Andrei Alexei Vladimir Nikolai Ivan Mikhail Yevgeny Igor Oleg Pavel Viktor Yuri Boris
        Maxim Artem Roman Denis Anatoly Gennady Konstantin Vadim Vasily Stanislav Grigory Leonid Fyodor Timur Arkady
        Ruslan Valery Vyacheslav Gleb Kirill Nikita Ilya Stepan Yaroslav
        """,
        women: """
        Olga Tatiana Elena Natalia Irina Svetlana Anna Maria Ekaterina Yulia Anastasia Ludmila Galina Marina Oksana Daria
        Ksenia Vera Nadezhda Larisa Valentina Polina Alina Zhanna
        """,
        surnames: """
        Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev
        Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Nikitin Zakharov Zaitsev Soloviev Borisov
        Yakovlev Grigoriev Romanov Vorobiev Sergeev Kuzmin Frolov Alexandrov Dmitriev Korolev Gusev Kiselev Ilyin Maksimov
        Polyakov Sorokin Vinogradov Kovalev Belov Medvedev Antonov Tarasov Zhukov Baranov Filippov Komarov Davydov Belyaev
        Gerasimov Bogdanov Osipov Sidorov Matveev Titov Markov Mironov Krylov Kulikov Karpov Vlasov Melnikov Denisov
        Gavrilov Tikhonov Kazakov Afanasiev Danilov Timofeev Fomin Chernov Abramov Martynov Efimov Fedotov Shcherbakov
        Nazarov Kalinin Isaev Chernyshev Bykov Maslov Rodionov Konovalov Lazarev Voronin Klimov Filatov Ponomarev Golubev
        Kudryavtsev Prokhorov Naumov Potapov Zhuravlev Ovchinnikov Trofimov Leonov Sobolev Ermakov Kolesnikov Goncharov
        Emelyanov Nikiforov Grachev Kotov Grishin Efremov Arkhipov Gromov Kirillov Malyshev Panov Moiseev Rumyantsev
        Akimov Kondratiev Biryukov Gorbunov Anisimov Eremin Tikhomirov Galkin Lukyanov Mikheev Skvortsov Yudin Belousov
        Nesterov Simonov Prokofiev Kharitonov Knyazev Tsvetkov Levin Voronov Aksenov Maltsev Loginov Gorshkov Savin
        Krasnov Mayorov Demidov Eliseev Rybakov Safonov Plotnikov Demin Khokhlov Fadeev Molchanov Ignatov Litvinov Ershov
        Ushakov Ryabov Mukhin Kalashnikov Lobanov Kuzin Korneev Borodin Platonov Nekrasov Balashov Bobrov Zhdanov Blinov
        Korotkov Kryukov Bogomolov Drozdov Lavrov Zuev Petukhov Larin Nikulin Serov Zotov Ustinov Fokin Sazonov Shevchenko
        Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Lysenko Rudenko Savchenko Petrenko Melnyk Boyko Moroz
        """,
        stems: "Bel Chern Drozd Glad Gor Kras Lis Mal Med Mor Nov Ryb Sed Tol Vetr Zel Zhel Grom Kamen Les Pesk Sol Kuzm Shap Rog Dub Grach Sin Tsar Vor",
        endings: "ov ev in sky enko ikov yshev",
        middle: .patronymic, agrees: true)

    static let polish = NameCulture(
        given: """
        Piotr Krzysztof Andrzej Tomasz Pawel Marcin Michal Lukasz Jakub Grzegorz Wojciech Mateusz Adam Marek Jan Kamil
        Dariusz Rafal Jiri Petr Vaclav Ionut Mihai Bogdan Istvan Laszlo Zoltan Dragan Milos Goran
        """,
        women: """
        Agnieszka Katarzyna Malgorzata Joanna Magdalena Monika Ewa Karolina Aleksandra Zofia Dorota Barbara Ioana Elena
        Jana Petra Zsofia Ivana Milena Jelena
        """,
        surnames: """
        Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski Kozlowski
        Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawlowski Michalski Nowicki Adamczyk Dudek
        Zajac Wieczorek Jablonski Krol Majewski Olszewski Jaworski Wrobel Malinowski Pawlak Witkowski Walczak Stepien
        Gorski Rutkowski Michalak Sikora Ostrowski Baran Duda Szewczyk Tomaszewski Pietrzak Marciniak Wroblewski Zalewski
        Jakubowski Jasinski Zawadzki Sadowski Chmielewski Wlodarczyk Borkowski Czarnecki Sawicki Sokolowski Kubiak
        Maciejewski Szczepanski Kucharski Wilk Kalinowski Mazurek Wysocki Adamski Kazmierczak Wasilewski Sobczak
        Czerwinski Cieslak Glowacki Zakrzewski Kolodziej Sikorski Krajewski Popescu Ionescu Dumitru Stoica Gheorghe Rusu
        Munteanu Novak Svoboda Dvorak Cerny Prochazka Kucera Vesely Horvath Nagy Kovacs Toth Szabo Jovanovic Petrovic
        Nikolic Markovic Djordjevic Stojanovic Ilic Pavlovic
        """,
        stems: "Bial Brzoz Czarn Dab Grab Jaw Kal Kam Kow Krz Las Lip Maj Mal Nie Ost Pias Rog Sad Sok Stas Szym Wil Wis Wol Zak Zel Mil Rad Stoj",
        endings: "owski ewski inski ak czyk ecki ovic escu")

    static let hispanic = NameCulture(
        given: """
        José Juan Carlos Luis Miguel Jorge Pedro Alejandro Fernando Ricardo Diego Javier Manuel Francisco Antonio Rafael
        Sergio Andrés Pablo Eduardo Raúl Óscar Jesús Héctor Gustavo Mauricio Ernesto Joaquín Ramón Julio
        """,
        women: """
        María Carmen Ana Laura Isabel Lucía Sofía Valentina Camila Gabriela Daniela Paula Elena Marta Patricia Rosa Teresa
        Adriana Natalia Mariana Ximena Guadalupe Verónica Alejandra Claudia Beatriz Inés
        """,
        surnames: """
        García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz Moreno
        Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina
        Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos
        Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña Flores Cabrera Campos Vega
        Fuentes Carrasco Caballero Reyes Nieto Aguilar Pascual Santana Herrero Montero Lorenzo Hidalgo Giménez Ibáñez
        Ferrer Durán Santiago Benítez Mora Vicente Vargas Arias Carmona Crespo Román Pastor Soto Velasco Moya Soler Parra
        Esteban Bravo Gallardo Rojas Pardo Merino Franco Espinosa Lara Rivas Silva Rivera Arroyo Redondo Camacho Rey Vera
        Otero Luque Montes Ríos Sierra Segura Carrillo Mendoza Escobar Ochoa Salazar Quintero Valencia Zapata Cárdenas
        Villalobos Cifuentes Guzmán Zambrano Villanueva Figueroa Sandoval Bustamante Maldonado Valdés Acosta
        """,
        stems: "Alv Bern Dom Estev Fern Gonz Henr Ibarr Lop Marqu Mend Nun Ordoñ Rodr Sanch Tell Vel Yañ Benav Carv Galv Vald",
        endings: "ez ado ero illo ana uela",
        middle: .secondSurname)

    static let westAfrican = NameCulture(
        given: """
        Adebayo Adewale Ayodele Babatunde Chinedu Chukwuemeka Emeka Femi Ifeanyi Kelechi Kunle Nnamdi Obinna Oluwaseun
        Segun Tunde Uche Yusuf Ibrahim Abubakar Musa Kwame Kofi Yaw Kwabena Olumide Tobi Chidi Ikenna Babajide Sani Aliyu
        """,
        women: """
        Adaeze Amaka Chiamaka Chioma Funmilayo Ngozi Nkechi Oluwakemi Temitope Titilayo Yetunde Zainab Aisha Hauwa Fatima
        Ama Akosua Efua Abena Folake Bukola Nneka Ifeoma Halima
        """,
        surnames: """
        Adeyemi Adebayo Ogunleye Okafor Okonkwo Okoro Eze Nwosu Obi Chukwu Ibe Nwachukwu Onyeka Uzor Oyelaran Olawale
        Ogunbiyi Balogun Bello Abubakar Danjuma Yakubu Suleiman Adamu Usman Lawal Mensah Owusu Asante Boateng Osei Agyeman
        Appiah Darko Addo Ofori Akande Afolabi Ajayi Akinola Babalola Fashola Ogundipe Olatunji Oyewole Adeleke Eniola
        Okeke Ndukwe Nnadi Anyanwu Ugwu Okoye Ezeh Onuoha Ekwueme Abdullahi Garba Aminu Idris Mohammed
        """,
        stems: "Ade Ayo Olu Oluwa Ola Oye Ogun Akin Ibi Fola Bola Tolu Chi Nna Obi Uche Eze Nne Ike Oke Onye Ama",
        endings: "bayo yemi wale tunde kunle seun dele femi laran sola nedu oma dike bueze nwa meka chukwu")

    static let chinese = NameCulture(
        given: """
        Wei Fang Xiuying Min Jing Li Hua Jun Hong Ming Lan Yan Jie Tao Ping Hui Qiang Lei Yu Xin Chen Bo Hao Yi Zhiwei Kai
        Long Mei Ling Na Qing Rui Shan Ting Xia Yun Zhen Jianhua Xiaoming Haoran Zihan Yuxuan Jiayi Xinyi Yichen Junjie
        Wenjie Zhiqiang Guoqiang Jianguo Lihua Xiaohong Yanping Meiling Shuang Chunhua
        """,
        surnames: """
        Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han
        Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Cui Zhong Tan
        Fan Jin Shi Qian Dai Wong Chan Leung Cheung Lau Ng Ho Tsang Lam Nguyen Tran Le Pham Hoang Vu Dang Bui Do
        """,
        stems: "Xiao Jian Zhi Guo Wen Yu Hai Jia Zi Chun Qiu Dong Hong Ming Yong",
        endings: "hua ming wei qiang jun lin ping feng long bo yu xuan",
        middle: .none, tail: .given(joiner: ""))

    static let korean = NameCulture(
        given: """
        Min-jun Seo-yeon Ji-hoon Ha-eun Do-yun Ji-woo Hyun-woo Soo-ah Jae-won Ye-jin Sung-min Eun-ji Dong-hyun Hye-jin
        Jong-un Jong-il Il-sung Kyung-hee Young-soo Sang-woo Jin-ho Yoo-jin Tae-yang Seung-ho Myung-bak Moon-jae
        Minho Jisoo Hyejin Sunghoon Jiyeon Kyungmin
        """,
        surnames: """
        Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Ryu Hong Jeon Ko Moon Yang Son
        Bae Baek Heo Nam Ri Pak Choe Jon
        """,
        stems: "Min Seo Ji Ha Do Hyun Soo Jae Ye Sung Eun Dong Hye Jong Kyung Young Sang Jin Yoo Tae Seung Myung Chul",
        endings: "jun yeon hoon eun yun woo ah won jin min ji hyun ho su il",
        middle: .none, tail: .given(joiner: "-"))

    static let persian = NameCulture(
        given: """
        Ali Reza Mohammad Hossein Mehdi Amir Hamid Saeed Mahmoud Javad Majid Behrouz Dariush Farhad Kamran Kaveh Mehran
        Navid Omid Parviz Ramin Shahram Babak Abbas Ebrahim Hassan Mostafa Qasem Esmail Gholam Morteza Mojtaba
        """,
        women: """
        Fariba Maryam Zahra Fatemeh Parisa Shirin Leila Nasrin Azadeh Mina Nazanin Roya Soheila Mahsa Niloufar Golnar
        Shahla Farideh Masoumeh Elham
        """,
        surnames: """
        Ahmadi Hosseini Mohammadi Rezaei Moradi Karimi Jafari Rahimi Hashemi Mousavi Ghasemi Sadeghi Heidari Kazemi
        Bagheri Ebrahimi Amini Asadi Najafi Rostami Tehrani Esfahani Shirazi Tabrizi Khorasani Nouri Sharifi Salehi
        Zamani Kamali Rahmani Golzari Farahani Jahangiri Soltani Akbari Yazdani Ansari Mirzaei Davoudi Khamenei
        Rafsanjani Larijani Velayati Soleimani Zarif Qalibaf Araghchi Vahidi Jalili
        """,
        stems: "Ahmad Akbar Bagher Hassan Hossein Jafar Kazem Mahmoud Majid Mehdi Mohsen Reza Saeed Taghi Abbas Ali Karim Nasser Rahim Rasoul Gholam Amir",
        endings: "zadeh pour nejad i ian far lou")

    static let germanic = NameCulture(
        given: """
        Lukas Leon Felix Maximilian Jonas Paul Finn Elias Stefan Thomas Michael Andreas Klaus Jürgen Dieter Wolfgang Lars
        Erik Anders Nils Sven Henrik Mikael Pieter Jan Matthias Sebastian Tobias Bjorn Ole
        """,
        women: """
        Sanne Anna Lena Katharina Julia Laura Sabine Ursula Birgit Ingrid Astrid Sigrid Karin Annika Freya Ingeborg Liv
        Maren Greta Heike Anke Femke
        """,
        surnames: """
        Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf
        Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Schmid
        Schulze Maier Köhler Herrmann König Walter Huber Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel
        Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Albrecht Franke Schuster Ludwig Böhm
        Winter Kraus Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf
        Dietrich Ziegler Kuhn Pohl Engel Horn Busch Bergmann Voigt Sauer Pfeiffer Hansen Johansson Andersson Karlsson
        Nilsson Eriksson Larsson Olsen Jensen Nielsen Pedersen Andersen Christensen Lindqvist Lindberg Bergström
        Lundgren Holmberg Virtanen Korhonen Mäkinen Nieminen de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Visser
        Smit Meijer de_Boer Mulder de_Groot
        """,
        stems: "Berg Stein Wald Feld Rosen Linden Eichen Hof Brun Kirch Mühl Schön Licht Gold Silber Adler Lind Sand Holm Fors",
        endings: "mann berg feld thal bach hauser er ström qvist gren")

    static let turkish = NameCulture(
        given: """
        Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman Emre Burak Can
        Cem Kemal Serkan Volkan Tolga Erkan Onur
        """,
        women: "Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Hülya Esra Özlem Gül Derya Ebru Selin",
        surnames: """
        Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç Kurt
        Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Acar Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal
        Turan Özer Avcı Tekin Karataş Kocabaş
        """,
        stems: "Ak Kara Öz Er Gül Kaya Demir Yıl Tur Bay Kır Sarı Kurt Tek",
        endings: "taş kaya soy han oğlu can türk dağ er")

    static let romance = NameCulture(
        given: """
        Jean Pierre Michel Philippe Alain Nicolas François Laurent Julien Antoine Marco Giuseppe Giovanni Luca Alessandro
        Francesco Matteo Lorenzo João Pedro Tiago Rui Yves Thierry Bruno Paolo Stefano
        """,
        women: """
        Marie Nathalie Isabelle Sylvie Camille Chloé Léa Manon Giulia Francesca Chiara Giovanna Alessia Inês Mariana
        Sandrine Céline Valeria Federica Joana
        """,
        surnames: """
        Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel David Bertrand
        Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Rossi Russo Ferrari
        Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca Mancini Costa Giordano Rizzo
        Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile
        Martinelli Vitale Silva Santos Ferreira Pereira Oliveira Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes
        Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso
        Rocha Neves Coelho Cunha Pires Reis Simões Antunes Matos Fonseca Tavares Chevalier Fontaine Rousseau Blanchard
        """,
        stems: "Bell Bianc Cap Cart Fer Gall Grand Lun Marc Mont Negr Panz Ross Sant Tor Val Vent Zan Cast Bened",
        endings: "ini etti one elli ucci ardi eau ier",
        middle: .secondSurname)
}
