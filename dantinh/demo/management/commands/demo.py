"""`dantinh demo`: migrate, load the demo province once, print the accounts, serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from dantinh.demo import build


class Command(BaseCommand):
    help = "Prepare the demo (Hải Phòng) and serve it at http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="prepare only")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--code",
            metavar="USER",
            help="print the current two-step sign-in code of a demo account (quantri, lanhdao)",
        )

    def handle(self, *args, no_serve, host, port, code=None, **options):
        if code:
            current = build.current_code(code)
            if current is None:
                raise CommandError(f"{code} không có mã hai lớp minh họa.")
            self.stdout.write(current)
            return
        call_command("migrate", interactive=False, verbosity=0)
        if build.is_built():
            self.stdout.write("Dữ liệu minh họa đã có sẵn: dùng lại.")
        accounts = build.build(log=lambda message: self.stdout.write(message))
        self.stdout.write("Mô hình ngôn ngữ (huấn luyện lần đầu mất vài giây)…")
        from dantinh.intake import labelling

        labelling.item_model()
        self.stdout.write("")
        self.stdout.write(f"Tài khoản minh họa (mật khẩu chung: {build.PASSWORD}):")
        for acc in accounts:
            role = dict(build.Membership.Role.choices).get(acc.role, "người liên hệ của cơ quan")
            note = f" — {acc.note}" if acc.note else ""
            self.stdout.write(f"  {acc.username:<12} {role}, {acc.unit}{note}")
        devices = build.second_factors()
        if devices:
            self.stdout.write("")
            self.stdout.write(
                "Đăng nhập hai lớp (bắt buộc với lãnh đạo, quản trị): thêm khóa bí mật vào một "
                "ứng dụng xác thực, hoặc lấy mã hiện tại bằng `dantinh demo --code TÊN`:"
            )
            for username, device in devices.items():
                self.stdout.write(f"  {username:<12} {build.secret_b32(device)}")
        self.stdout.write("")
        if not no_serve:
            call_command("serve", host=host, port=port)
