import { findItems } from './agenda';

describe('agenda items and their presenters', () => {
  it('reads "Chuyên đề thứ nhất do <person> trình bày, tập trung vào <subject>"', () => {
    const [item] = findItems(
      'Chuyên đề thứ nhất do đồng chí Ngô Văn Tâm, Vụ trưởng Vụ Thông tin đối ngoại trình bày, tập trung vào kỹ năng phản bác thông tin sai lệch.',
    );
    expect(item).toMatchObject({ kind: 'topic', title: 'Kỹ năng phản bác thông tin sai lệch' });
    expect(item.people.map((p) => p.fullName)).toEqual(['Ngô Văn Tâm']);
  });

  it('reads a quoted title after "trình bày chuyên đề"', () => {
    const [item] = findItems(
      'TS Bùi Thị Hạnh, Giảng viên Học viện Báo chí đã trình bày chuyên đề “Truyền thông số về biển, đảo”.',
    );
    expect(item).toMatchObject({ kind: 'topic', title: 'Truyền thông số về biển, đảo' });
    expect(item.people[0].fullName).toBe('Bùi Thị Hạnh');
  });

  it('reads speeches in either order and tells opening, directing and concluding speeches apart', () => {
    const [closing] = findItems(
      'Phát biểu kết luận hội nghị, đồng chí Trịnh Văn Quang, Bí thư Tỉnh ủy nhấn mạnh ba nhiệm vụ.',
    );
    expect(closing).toMatchObject({ kind: 'concluding_speech', title: 'Phát biểu kết luận hội nghị' });
    expect(closing.people[0].fullName).toBe('Trịnh Văn Quang');
    const [opening] = findItems('Đồng chí Lương Thị Hoa, Phó Chủ tịch UBND tỉnh phát biểu khai mạc Hội nghị.');
    expect(opening).toMatchObject({ kind: 'opening_speech' });
    expect(opening.people[0].fullName).toBe('Lương Thị Hoa');
  });

  it('reads an unquoted subject presented by a named person, and a speech without "hội nghị"', () => {
    const [topic] = findItems(
      'Tiếp đó, ThS Cao Văn Lực, Trưởng phòng Thông tin đối ngoại đã trình bày chuyên đề về kỹ năng quản trị trang tin điện tử.',
    );
    expect(topic).toMatchObject({ kind: 'topic', title: 'Kỹ năng quản trị trang tin điện tử' });
    expect(topic.people[0].fullName).toBe('Cao Văn Lực');
    const [opening] = findItems(
      'Phát biểu khai mạc, đồng chí Hà Thị Nga, Trưởng ban Dân vận Tỉnh ủy nêu rõ mục đích lớp học.',
    );
    expect(opening).toMatchObject({ kind: 'opening_speech', title: 'Phát biểu khai mạc' });
    expect(findItems('Báo cáo chuyên đề về kinh tế số cho thấy nhiều chuyển biến.')).toEqual([]);
  });

  it('reads "Dự và phát biểu khai mạc … có đồng chí X" and a subject introduced without "chuyên đề"', () => {
    const [opening] = findItems(
      'Dự và phát biểu khai mạc lớp bồi dưỡng có đồng chí Mai Văn Hùng, Phó Chủ tịch UBND tỉnh.',
    );
    expect(opening).toMatchObject({ kind: 'opening_speech', title: 'Phát biểu khai mạc lớp bồi dưỡng' });
    expect(opening.people[0].fullName).toBe('Mai Văn Hùng');
    const [intro] = findItems(
      'Bà Tạ Thu Trang, Phó Giám đốc Sở Ngoại vụ giới thiệu quy trình đón tiếp phóng viên nước ngoài.',
    );
    expect(intro).toMatchObject({ kind: 'topic', title: 'Quy trình đón tiếp phóng viên nước ngoài' });
  });

  it('reads bodies presenting a list of contents, split on semicolons', () => {
    const items = findItems(
      'Các học viên được các giảng viên thuộc Bộ Ngoại giao, Sở Ngoại vụ truyền đạt các nội dung chính: Kỹ năng trả lời phỏng vấn; công tác bảo hộ công dân.',
    );
    expect(items.map((i) => [i.kind, i.title, i.organisations.map((o) => o.text)])).toEqual([
      ['topic', 'Kỹ năng trả lời phỏng vấn', ['Bộ Ngoại giao', 'Sở Ngoại vụ']],
      ['topic', 'Công tác bảo hộ công dân', ['Bộ Ngoại giao', 'Sở Ngoại vụ']],
    ]);
  });

  it('reads reports presented by the leadership of a body', () => {
    const [item] = findItems(
      'Đại diện lãnh đạo Cục Báo chí đã trình bày các báo cáo về tình hình thông tin trên mạng xã hội.',
    );
    expect(item).toMatchObject({ kind: 'report', title: 'Tình hình thông tin trên mạng xã hội' });
    expect(item.organisations.map((o) => o.text)).toEqual(['Cục Báo chí']);
  });

  it("reads the delegates' contributions as a discussion", () => {
    expect(findItems('Tại hội nghị, nhiều đại biểu đã thảo luận về cách làm hay ở cơ sở.')[0].kind).toBe('discussion');
  });

  it('finds no item in a sentence that only mentions a person', () => {
    expect(findItems('Đồng chí Trần Văn Hải, Chủ tịch UBND tỉnh tham dự hội nghị.')).toEqual([]);
  });
});
